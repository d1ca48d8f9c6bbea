import { HttpException } from '@nestjs/common';
import { isDatabaseContention } from '@matrix/db';
import { GatewayError } from '@matrix/gateway-client';
import { ZodError } from 'zod';
import { ValidationError } from '../validation/validation-error';
import { ApiError, type ErrorBody } from './api-error';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

/** Largest body per content type, for the 413 message. */
export interface BodyLimits {
  jsonBytes: number;
  raw: Array<{ contentType: string; limitBytes: number }>;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'too_many_requests',
  503: 'unavailable',
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes} bytes`;
}

function bodyTooLarge(contentType: string | undefined, limits: BodyLimits | undefined): ErrorResponse {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const limit = limits?.raw.find((raw) => raw.contentType === mediaType)?.limitBytes ?? limits?.jsonBytes;
  const message =
    limit === undefined ? 'request body is too large' : `request body is larger than the ${formatBytes(limit)} limit${mediaType ? ` for ${mediaType}` : ''}`;
  return { status: 413, body: { error: message, code: 'payload_too_large' } };
}

/** A gateway failure, from the product's caller's point of view: the product itself is fine, a dependency is not. */
function gatewayFailure(error: GatewayError): ErrorResponse {
  const retryAfter = error.retryAfterSeconds !== undefined ? { 'retry-after': String(Math.ceil(error.retryAfterSeconds)) } : undefined;
  if (error.status === 0 || error.status === 429 || error.status >= 500) {
    return {
      status: 503,
      body: { error: `the inference gateway is unavailable: ${error.message}`, code: 'gateway_unavailable', details: { gatewayCode: error.code } },
      headers: retryAfter,
    };
  }
  if (error.status === 404) {
    return {
      status: 503,
      body: { error: `the model is not served by the inference gateway: ${error.message}`, code: 'model_not_ready', details: { gatewayCode: error.code } },
    };
  }
  return {
    status: 502,
    body: {
      error: `the inference gateway refused the request: ${error.message}`,
      code: 'gateway_rejected',
      details: { gatewayCode: error.code, gatewayStatus: error.status },
    },
  };
}

/** Seconds a caller waits before retrying a write that met database contention (locks clear within the busy timeout). */
export const DATABASE_BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * The database stayed locked (or the pool full) past its bounded wait: the request was fine and nothing
 * was written, so 503 + Retry-After lets the caller try again, instead of a 500 that reads like a bug.
 */
function databaseBusy(): ErrorResponse {
  return {
    status: 503,
    body: { error: 'the database is busy with other writes; nothing was changed, try again shortly', code: 'database_busy' },
    headers: { 'retry-after': String(DATABASE_BUSY_RETRY_AFTER_SECONDS) },
  };
}

/**
 * Maps anything thrown while serving a request to the status and body the caller gets. Validation
 * answers 422 (413 for size limits) with `details` listing each bad field; a malformed request 400;
 * gateway trouble and database contention 503 (with Retry-After); the unexpected 500 (its detail stays in the log, tied by the request id).
 */
export function toErrorResponse(error: unknown, context: { contentType?: string; limits?: BodyLimits } = {}): ErrorResponse {
  if (error instanceof ApiError)
    return {
      status: error.status,
      body: { error: error.message, code: error.code, ...(error.details !== undefined ? { details: error.details } : {}) },
      headers: error.headers,
    };
  if (error instanceof ValidationError) {
    return {
      status: error.status,
      body: { error: error.message, code: error.status === 413 ? 'payload_too_large' : 'validation_failed', details: error.issues },
    };
  }
  if (error instanceof ZodError) return toErrorResponse(ValidationError.fromZod(error), context);
  if (error instanceof GatewayError) return gatewayFailure(error);
  if (isDatabaseContention(error)) return databaseBusy();
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest re-raises Fastify's body-parsing errors as plain HttpExceptions (their codes dropped).
    if (status === 413 || status === 415) return toErrorResponse({ statusCode: status }, context);
    if (status === 400 && /not valid JSON/i.test(error.message))
      return { status, body: { error: `the body is not valid JSON: ${error.message}`, code: 'invalid_json' } };
    const response = error.getResponse();
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? error.message);
    return { status, body: { error: message, code: CODE_BY_STATUS[status] ?? `http_${status}` } };
  }
  // Fastify's own errors, raised before a handler runs (body parsing, content type).
  const fastifyCode = (error as { code?: unknown })?.code;
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) return bodyTooLarge(context.contentType, context.limits);
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || statusCode === 415) {
    const accepted = ['application/json', ...(context.limits?.raw.map((raw) => raw.contentType) ?? [])].join(', ');
    return {
      status: 415,
      body: { error: `unsupported Content-Type '${context.contentType ?? ''}'; this API accepts ${accepted}`, code: 'unsupported_media_type' },
    };
  }
  if (fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY') return { status: 400, body: { error: 'the JSON body is empty', code: 'bad_request' } };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const invalidJson = error instanceof SyntaxError || fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY';
    return {
      status: statusCode,
      body: {
        error: invalidJson ? `the body is not valid JSON: ${(error as Error).message}` : (error as Error).message,
        code: invalidJson ? 'invalid_json' : (CODE_BY_STATUS[statusCode] ?? `http_${statusCode}`),
      },
    };
  }
  return { status: 500, body: { error: 'internal error; the service log has the details under this request id', code: 'internal' } };
}

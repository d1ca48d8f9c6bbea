import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AdmissionRefusedError, BatcherClosedError, DeadlineExceededError, RequestCancelledError } from '../batching/batching-errors';
import { TensorValidationError } from '../protocol/oip-tensor';
import { ImageDecodeError } from '../tasks/image-decode';
import { ModelLoadingError } from '@matrix/model-loading';
import {
  InsufficientMemoryError,
  InvalidInputError,
  NoModelForTaskError,
  ModelNotFoundError,
  ModelNotReadyError,
  TaskNotSupportedError,
} from './gateway-errors';

export interface ErrorBody {
  /** The Open Inference Protocol puts the message in `error`. */
  error: string;
  code: string;
  request_id?: string;
  details?: unknown;
}

/** Maps domain errors to status codes; every answer says what went wrong and what to fix. */
export function toHttpError(error: unknown): { status: number; body: Omit<ErrorBody, 'request_id'>; headers?: Record<string, string> } {
  if (error instanceof AdmissionRefusedError) {
    return {
      status: 429,
      body: { error: error.message, code: error.code, details: error.details },
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof DeadlineExceededError) return { status: 504, body: { error: error.message, code: error.code } };
  if (error instanceof RequestCancelledError) return { status: 499, body: { error: error.message, code: error.code } };
  if (error instanceof BatcherClosedError) return { status: 503, body: { error: error.message, code: error.code } };
  if (error instanceof ModelNotFoundError) return { status: 404, body: { error: error.message, code: error.code } };
  if (error instanceof ModelNotReadyError) return { status: 503, body: { error: error.message, code: error.code } };
  if (error instanceof NoModelForTaskError) return { status: 503, body: { error: error.message, code: error.code } };
  if (error instanceof InsufficientMemoryError) return { status: 503, body: { error: error.message, code: error.code }, headers: { 'retry-after': '5' } };
  // A model-control load that fails (missing file, checksum mismatch, corrupt model).
  if (error instanceof ModelLoadingError) return { status: 422, body: { error: error.message, code: error.code } };
  if (error instanceof TaskNotSupportedError) return { status: 422, body: { error: error.message, code: error.code } };
  if (error instanceof TensorValidationError || error instanceof InvalidInputError) {
    return { status: 400, body: { error: error.message, code: error.code } };
  }
  if (error instanceof ImageDecodeError) return { status: 422, body: { error: error.message, code: error.code } };
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
    return { status: 400, body: { error: `invalid request body: ${summary}`, code: 'invalid_input', details } };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    return { status: error.getStatus(), body: { error: message, code: `http_${error.getStatus()}` } };
  }
  // Fastify's own errors (body too large, unsupported media type, bad JSON) carry a statusCode.
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, body: { error: (error as Error).message, code: (error as { code?: string }).code ?? `http_${statusCode}` } };
  }
  return { status: 500, body: { error: 'internal error; see the gateway log for this request id', code: 'internal' } };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body, headers } = toHttpError(exception);
    if (status >= 500 && status !== 503 && status !== 504) {
      this.logger.error({ err: exception, reqId: request.id }, `unhandled error on ${request.method} ${request.url}`);
    }
    if (headers) for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply.status(status).send({ ...body, request_id: String(request.id) });
  }
}

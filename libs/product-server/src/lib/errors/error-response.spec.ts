import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { Prisma } from '@matrix/db';
import { GatewayError } from '@matrix/gateway-client';
import { z } from 'zod';
import { ApiError } from './api-error';
import { formatBytes, toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  it('passes an ApiError through with its status, code, details and headers', () => {
    expect(toErrorResponse(new ApiError(409, 'job_running', 'job is still running', { progress: 0.4 }, { 'retry-after': '2' }))).toEqual({
      status: 409,
      body: { error: 'job is still running', code: 'job_running', details: { progress: 0.4 } },
      headers: { 'retry-after': '2' },
    });
  });

  it('answers 503 for an overloaded or unreachable gateway, keeping its Retry-After', () => {
    expect(toErrorResponse(new GatewayError('overloaded', 429, 'queue_full', 'r1', 2))).toMatchObject({
      status: 503,
      body: { code: 'gateway_unavailable', details: { gatewayCode: 'queue_full' } },
      headers: { 'retry-after': '2' },
    });
    expect(toErrorResponse(new GatewayError("model 'x' not found", 404, 'model_not_found'))).toMatchObject({ status: 503, body: { code: 'model_not_ready' } });
    // The product sent the gateway something it refused: the product's fault, not the caller's.
    expect(toErrorResponse(new GatewayError('texts: bad', 400, 'invalid_input'))).toMatchObject({ status: 502, body: { code: 'gateway_rejected' } });
  });

  it('answers 503 + Retry-After for database contention (a lock or pool wait past its bound), never 500', () => {
    const busy = {
      status: 503,
      body: { error: 'the database is busy with other writes; nothing was changed, try again shortly', code: 'database_busy' },
      headers: { 'retry-after': '1' },
    };
    const prisma = (code: string, message: string) => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: '7.10.0' });
    expect(toErrorResponse(prisma('P1008', 'Operations timed out after `N/A`.'))).toEqual(busy); // SQLITE_BUSY via the adapter
    expect(toErrorResponse(prisma('P2034', 'Transaction failed due to a write conflict or a deadlock.'))).toEqual(busy);
    expect(toErrorResponse(prisma('P2024', 'Timed out fetching a new connection from the connection pool.'))).toEqual(busy);
    expect(toErrorResponse(prisma('P2028', 'Transaction API error: Unable to start a transaction in the given time.'))).toEqual(busy);
    expect(toErrorResponse(new Error('timeout exceeded when trying to connect'))).toEqual(busy); // pg pool
    // Not contention: a constraint violation stays an internal error here (products map their own conflicts).
    expect(toErrorResponse(prisma('P2002', 'Unique constraint failed'))).toMatchObject({ status: 500 });
  });

  it('maps a stray ZodError to 422 and Nest exceptions to their status with a stable code', () => {
    const zodError = z.object({ n: z.number() }).safeParse({}).error;
    expect(toErrorResponse(zodError)).toMatchObject({ status: 422, body: { code: 'validation_failed', details: [{ path: 'n' }] } });
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'))).toEqual({ status: 404, body: { error: 'Cannot GET /x', code: 'not_found' } });
    expect(
      toErrorResponse(new PayloadTooLargeException(), {
        contentType: 'text/csv',
        limits: { jsonBytes: 1024, raw: [{ contentType: 'text/csv', limitBytes: 5 * 1024 * 1024 }] },
      }),
    ).toEqual({
      status: 413,
      body: { error: 'request body is larger than the 5 MiB limit for text/csv', code: 'payload_too_large' },
    });
  });

  it('never leaks the message of an unexpected error', () => {
    expect(toErrorResponse(new Error('password=hunter2'))).toEqual({
      status: 500,
      body: { error: 'internal error; the service log has the details under this request id', code: 'internal' },
    });
  });

  it('formats byte limits for people', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(5 * 1024 * 1024)]).toEqual(['512 bytes', '1.5 KiB', '5 MiB']);
  });
});

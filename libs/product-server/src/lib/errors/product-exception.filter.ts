import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type BodyLimits, toErrorResponse } from './error-response';

/** Every error leaves as `{error, code, details?, requestId}` with the status toErrorResponse picks. */
@Catch()
export class ProductExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProductExceptionFilter');

  constructor(private readonly limits?: BodyLimits) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body, headers } = toErrorResponse(exception, { contentType: request.headers['content-type'], limits: this.limits });
    if (status >= 500 && status !== 503) this.logger.error({ err: exception, reqId: request.id }, `failed: ${request.method} ${request.url}`);
    if (reply.sent) return;
    if (headers) for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply.status(status).send({ ...body, requestId: String(request.id) });
  }
}

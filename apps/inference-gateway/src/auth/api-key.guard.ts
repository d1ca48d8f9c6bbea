import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeyTable, apiKeyFromHeaders } from './api-keys';

declare module 'fastify' {
  interface FastifyRequest {
    /** Throws 403 unless the caller's API key may use `model`; set by ApiKeyGuard. */
    authorizeModel?: (model: string) => void;
    /** The model a task route resolved to (its default model when the body named none), for metrics. */
    modelForMetrics?: string;
    /** The product the API key belongs to, for logs. */
    product?: string;
  }
}

/** Routes anyone may call: probes, metrics and docs. */
const PUBLIC_PREFIXES = ['/v2/health', '/metrics', '/docs'];

/**
 * Checks the product API key (401) and, for routes that name a model, whether that product may
 * call it (403). Routes that pick a model later call `request.authorizeModel` themselves.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeyTable) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const path = request.url.split('?')[0];
    if (path === '/v2' || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix))) return true;
    const key = apiKeyFromHeaders(request.headers);
    const decision = this.keys.authorize(key, undefined);
    if (!decision.ok) throw new UnauthorizedException(decision.message);
    request.product = decision.product;
    request.authorizeModel = (model: string) => {
      const verdict = this.keys.authorize(key, model);
      if (!verdict.ok) throw verdict.status === 403 ? new ForbiddenException(verdict.message) : new UnauthorizedException(verdict.message);
    };
    const named = (request.params as Record<string, string> | undefined)?.name;
    if (named) request.authorizeModel(named);
    return true;
  }
}

import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Priority } from '../batching/dynamic-batcher';
import { allows, ApiKeyTable, apiKeyFromHeaders } from './api-keys';
import { ROUTE_ACCESS, type RouteAccess } from './route-access';

declare module 'fastify' {
  interface FastifyRequest {
    /** Throws 403 unless the caller's API key has the infer scope for `model`; set by ApiKeyGuard. */
    authorizeModel?: (model: string) => void;
    /** The model a task route resolved to (its default model when the body named none), for metrics. */
    modelForMetrics?: string;
    /** The product the API key belongs to, for logs. */
    product?: string;
    /** The highest priority lane the key may use; undefined while keys are off. */
    keyLane?: Priority;
  }
}

/**
 * Deny by default: a route runs only if it declares its access (`@Access`), the caller's key is valid
 * (401) and, for `infer`/`admin` routes, has that scope for the model (403 naming the missing scope).
 * Routes that pick a model later (task routes) call `request.authorizeModel` themselves.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyTable,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
    if (!access) throw new ForbiddenException('this route declares no access rule, so nobody may call it');
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const auth = this.keys.authenticate(apiKeyFromHeaders(request.headers));
    if (!auth.ok) throw new UnauthorizedException(auth.message);
    request.product = auth.grant?.product;
    request.keyLane = auth.grant?.lane;
    const check = (scope: 'infer' | 'admin', model: string) => {
      const verdict = allows(auth.grant, scope, model);
      if (!verdict.ok) throw new ForbiddenException(verdict.message);
    };
    request.authorizeModel = (model: string) => check('infer', model);
    if (access === 'key') return true;
    const named = (request.params as Record<string, string> | undefined)?.name;
    if (named !== undefined) check(access, named);
    else if (access === 'admin') throw new ForbiddenException('a model-control route must name its model');
    return true;
  }
}

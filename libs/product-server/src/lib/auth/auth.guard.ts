import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL_KEY, roleSatisfies, ROUTE_ACCESS, type RouteAccess } from './access';
import { AUTHENTICATION_KEY, csrfFailed, forbidden, IdentityService, unauthenticated } from './identity.service';

/** What a route without a declaration gets: admin only (deny by default). */
export const UNDECLARED_ACCESS: RouteAccess = { kind: 'staff', role: 'admin' };

/** The declaration of a handler (its own, else its controller's), undefined when none. */
export function routeAccessOf(reflector: Reflector, handler: object, controller: object): RouteAccess | undefined {
  return reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [handler as never, controller as never]);
}

/**
 * The global guard (APP_GUARD of ProductCoreModule): applies each route's declaration.
 * - public: passes (credentials, if any, are still read so the handler may see who calls).
 * - staff: 401 {code:'unauthenticated'} without valid credentials, 403 {code:'csrf_failed'} for a cookie
 *   write without the CSRF header, 403 {code:'forbidden'} when the role in this product does not satisfy it.
 * - visitor: 401 unless the named header is present (the handler checks its token); staff credentials, if valid, are attached too.
 * - none: treated as admin-only, and logged once per route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');
  private readonly warned = new Set<string>();

  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    let access = routeAccessOf(this.reflector, context.getHandler(), context.getClass());
    if (!access) {
      const route = `${context.getClass().name}.${context.getHandler().name} (${request.method} ${request.routeOptions?.url ?? request.url})`;
      if (!this.warned.has(route)) {
        this.warned.add(route);
        this.logger.warn(`${route} declares no access (@Public, @Roles or @Visitor): admin only until it does`);
      }
      access = UNDECLARED_ACCESS;
    }

    if (access.kind === 'public') {
      await this.attach(request, false);
      return true;
    }
    if (access.kind === 'visitor') {
      const value = request.headers[access.header];
      if (typeof value !== 'string' || !value.trim()) throw unauthenticated(`this route needs the ${access.header} header`);
      await this.attach(request, false);
      return true;
    }

    const auth = await this.identity.authenticate(request);
    (request as unknown as Record<string, unknown>)[AUTHENTICATION_KEY] = auth;
    if (auth.kind === 'none') throw unauthenticated();
    if (auth.kind === 'invalid') throw unauthenticated(auth.reason);
    if (!this.identity.csrfOk(request, auth)) throw csrfFailed();
    if (!roleSatisfies(auth.role, access.role)) {
      throw forbidden(auth.role ? `this needs the ${access.role} role in ${this.identity.product} (you are ${auth.role})` : `you have no role in ${this.identity.product}`);
    }
    (request as unknown as Record<string, unknown>)[PRINCIPAL_KEY] = this.identity.principalFrom(auth);
    return true;
  }

  /** Public and visitor routes: a staff principal when valid credentials (and, for cookie writes, the CSRF header) come along. */
  private async attach(request: FastifyRequest, required: boolean): Promise<void> {
    if (!required && request.headers.authorization === undefined && !request.headers.cookie) return;
    const auth = await this.identity.authenticate(request);
    (request as unknown as Record<string, unknown>)[AUTHENTICATION_KEY] = auth;
    if (auth.kind === 'ok' && this.identity.csrfOk(request, auth)) {
      (request as unknown as Record<string, unknown>)[PRINCIPAL_KEY] = this.identity.principalFrom(auth);
    }
  }
}

import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { principalOf } from '../auth/access';
import { AuditLog } from './audit-log.service';
import type { AuditedCall, AuditedRoute } from './audited-routes';

interface RoutedRequest {
  method: string;
  params?: Record<string, string>;
  body?: unknown;
  routeOptions?: { url?: string };
  routerPath?: string;
}

/** Records an audit entry after each successful call of an audited route (before the answer is sent). */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  /** The audited route of each handler (null: not audited), found at its first call: a handler's method and path never change. */
  private readonly byHandler = new WeakMap<object, AuditedRoute | null>();

  constructor(private readonly audit: AuditLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    const handler = context.getHandler();
    let route = this.byHandler.get(handler);
    if (route === undefined) {
      route = this.audit.routes.find(request.method, request.routeOptions?.url ?? request.routerPath) ?? null;
      this.byHandler.set(handler, route);
    }
    if (!route) return next.handle();
    const audited = route;
    return next.handle().pipe(
      mergeMap((result) => {
        const call: AuditedCall = { params: request.params ?? {}, body: request.body, result };
        let target: string | null = null;
        let detail: Record<string, unknown> = {};
        try {
          target = audited.target?.(call) ?? null;
          detail = audited.detail?.(call) ?? {};
        } catch {
          // A table entry that does not fit the answer still records the action.
        }
        return from(this.audit.record(principalOf(request), audited.action, target, detail).then(() => result));
      }),
    );
  }
}

import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { principalOf } from '../auth/access';
import { AuditLog, type AuditAction } from './audit-log.service';

/** What an audited route's request and answer offer its target and detail. */
export interface AuditedCall {
  params: Record<string, string>;
  body: unknown;
  result: unknown;
}

/**
 * A staff route whose successful calls the audit log records, named by method and route pattern exactly as the
 * controller declares it (e.g. PUT /api/articles/:id). A product lists its routes in one table (its privacy module)
 * instead of touching every handler; the actor comes from the request's staff principal (`principalOf`).
 */
export interface AuditedRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  action: AuditAction;
  /** e.g. `({ params }) => \`article:${params.id}\``. */
  target?: (call: AuditedCall) => string | null;
  /** Ids, settings and counts only — never an end user's text. */
  detail?: (call: AuditedCall) => Record<string, unknown>;
}

/** The route table of the product (filled by `AuditLog.auditRoutes`). */
export class AuditedRoutes {
  private readonly routes = new Map<string, AuditedRoute>();

  add(routes: readonly AuditedRoute[]): void {
    for (const route of routes) this.routes.set(`${route.method} ${route.path}`, route);
  }

  find(method: string, path: string | undefined): AuditedRoute | undefined {
    return path ? this.routes.get(`${method.toUpperCase()} ${path}`) : undefined;
  }
}

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
  constructor(private readonly audit: AuditLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    const route = this.audit.routes.find(request.method, request.routeOptions?.url ?? request.routerPath);
    if (!route) return next.handle();
    return next.handle().pipe(
      mergeMap((result) => {
        const call: AuditedCall = { params: request.params ?? {}, body: request.body, result };
        let target: string | null = null;
        let detail: Record<string, unknown> = {};
        try {
          target = route.target?.(call) ?? null;
          detail = route.detail?.(call) ?? {};
        } catch {
          // A table entry that does not fit the answer still records the action.
        }
        return from(this.audit.record(principalOf(request), route.action, target, detail).then(() => result));
      }),
    );
  }
}

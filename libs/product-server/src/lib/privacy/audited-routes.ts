import type { AuditAction } from './audit-log.service';

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

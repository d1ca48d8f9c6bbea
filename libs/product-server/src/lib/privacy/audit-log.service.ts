import { Inject, Injectable, Logger } from '@nestjs/common';
import { productKey, type DbClient } from '@matrix/db';
import type { Page, PageRequest } from '@matrix/product-contract';
import { PRODUCT_CONFIG } from '../app/tokens';
import type { StaffPrincipal } from '../auth/access';
import type { ProductConfig } from '../config/product-config';
import { InjectDb } from '../db/db.module';
import { toPage, toSkipTake } from '../pagination/pagination';
import { AuditedRoutes, type AuditedRoute } from './audited-routes';

/** Actions the products record (free text is allowed; these are the ones the issue names). */
export type AuditAction =
  | 'article.created'
  | 'article.updated'
  | 'article.deleted'
  | 'articles.imported'
  | 'conversation.taken_over'
  | 'conversation.agent_replied'
  | 'conversation.resolved'
  | 'model.trained'
  | 'model.activated'
  | 'threshold.changed'
  | 'vocabulary.changed'
  | 'data.erased'
  | 'retention.run'
  | (string & {});

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
}

export interface AuditQuery extends PageRequest {
  action?: string;
}

/** Who did it when no staff principal is on the request: a scheduled job, or a caller the guard did not identify. */
export const SYSTEM_ACTOR = 'system';
export const UNKNOWN_ACTOR = 'unknown';

/**
 * The product's audit log of staff actions (AuditEntry in the product's own database). Record ids, counts and
 * settings — never the personal data an action was about (an erasure entry names the erased ids only).
 */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('AuditLog');
  readonly product: string;
  /** Routes whose successful calls are recorded by the AuditInterceptor. */
  readonly routes = new AuditedRoutes();

  constructor(
    @InjectDb() private readonly db: DbClient,
    @Inject(PRODUCT_CONFIG) config: ProductConfig,
  ) {
    this.product = productKey(config.name);
  }

  /**
   * Records one action. `staff` is the caller (`@CurrentStaff()`); null is recorded as "unknown", or as "system" when
   * `system` is set (scheduled jobs). Never throws: a failed write is logged, the action itself already happened.
   */
  async record(
    staff: StaffPrincipal | null,
    action: AuditAction,
    target: string | null,
    detail: Record<string, unknown> = {},
    options: { system?: boolean } = {},
  ): Promise<void> {
    try {
      await this.db.auditEntry.create({
        data: {
          product: this.product,
          actorId: staff?.userId ?? null,
          actorEmail: staff?.email ?? (options.system ? SYSTEM_ACTOR : UNKNOWN_ACTOR),
          action,
          target,
          detail: JSON.stringify(detail),
        },
      });
    } catch (error) {
      this.logger.error(`could not record ${action} ${target ?? ''}: ${(error as Error).message}`);
    }
  }

  /** Declares staff routes to audit (the product's table; see AuditedRoute). */
  auditRoutes(routes: readonly AuditedRoute[]): void {
    this.routes.add(routes);
  }

  /** Newest first, optionally one action. */
  async page(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const where = { product: this.product, ...(query.action ? { action: query.action } : {}) };
    const [rows, total] = await Promise.all([
      this.db.auditEntry.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], ...toSkipTake(query) }),
      this.db.auditEntry.count({ where }),
    ]);
    return toPage(
      rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorEmail: row.actorEmail,
        action: row.action,
        target: row.target,
        detail: parseDetail(row.detail),
      })),
      total,
      query,
    );
  }
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

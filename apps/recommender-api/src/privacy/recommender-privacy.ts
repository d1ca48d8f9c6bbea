import { Injectable, OnModuleInit } from '@nestjs/common';
import { withTransaction, type DbClient } from '@matrix/db';
import { AuditLog, InjectDb, ProductRetention, type AuditedRoute } from '@matrix/product-server';

export const RECOMMENDER_AUDITED_ROUTES: AuditedRoute[] = [
  {
    method: 'POST',
    path: '/api/training-jobs',
    action: 'model.training_started',
    target: ({ result }) => `job:${(result as { id: string }).id}`,
  },
  { method: 'POST', path: '/api/training-jobs/:id/cancel', action: 'model.training_cancelled', target: ({ params }) => `job:${params.id}` },
  { method: 'POST', path: '/api/models/:version/activate', action: 'model.activated', target: ({ params }) => `model:${params.version}` },
];

/** Deletes one user with every event of theirs; what erasure uses. */
export async function deleteUser(db: DbClient, userId: string): Promise<{ users: number; events: number }> {
  return withTransaction(db, async (tx) => {
    const events = await tx.recommenderInteraction.deleteMany({ where: { userId } });
    const users = await tx.recommenderUser.deleteMany({ where: { id: userId } });
    return { users: users.count, events: events.count };
  });
}

/**
 * The recommender's privacy wiring: its audited routes, and its retention targets — events that happened more than
 * RECOMMENDER_RETENTION_DAYS ago, then users older than that with no event left.
 */
@Injectable()
export class RecommenderPrivacy implements OnModuleInit {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly audit: AuditLog,
    private readonly retention: ProductRetention,
  ) {}

  onModuleInit(): void {
    this.audit.auditRoutes(RECOMMENDER_AUDITED_ROUTES);
    this.retention.register([
      {
        name: 'events',
        deleteOlderThan: async (cutoff, limit) => {
          const rows = await this.db.recommenderInteraction.findMany({
            where: { occurredAt: { lt: cutoff } },
            select: { id: true },
            orderBy: { occurredAt: 'asc' },
            take: limit,
          });
          if (rows.length === 0) return 0;
          return (await this.db.recommenderInteraction.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })).count;
        },
      },
      {
        name: 'users',
        deleteOlderThan: async (cutoff, limit) => {
          const rows = await this.db.recommenderUser.findMany({
            where: { createdAt: { lt: cutoff }, interactions: { none: {} } },
            select: { id: true },
            orderBy: { createdAt: 'asc' },
            take: limit,
          });
          if (rows.length === 0) return 0;
          return (await this.db.recommenderUser.deleteMany({ where: { id: { in: rows.map((r) => r.id) }, interactions: { none: {} } } })).count;
        },
      },
    ]);
  }
}

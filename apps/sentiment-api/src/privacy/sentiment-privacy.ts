import { Injectable, OnModuleInit } from '@nestjs/common';
import { withTransaction, type DbClient } from '@matrix/db';
import { AuditLog, InjectDb, ProductRetention, type AuditedRoute } from '@matrix/product-server';

export const SENTIMENT_AUDITED_ROUTES: AuditedRoute[] = [
  { method: 'DELETE', path: '/api/analyses/:id', action: 'data.erased', target: ({ params }) => `analysis:${params.id}`, detail: () => ({ kind: 'analysis' }) },
];

/** Deletes analyses by id with their aspects; what erasure and retention share. */
export async function deleteAnalyses(db: DbClient, ids: string[]): Promise<{ analyses: number; aspects: number }> {
  if (ids.length === 0) return { analyses: 0, aspects: 0 };
  return withTransaction(db, async (tx) => {
    const aspects = await tx.sentimentAspect.deleteMany({ where: { analysisId: { in: ids } } });
    const analyses = await tx.sentimentAnalysis.deleteMany({ where: { id: { in: ids } } });
    return { analyses: analyses.count, aspects: aspects.count };
  });
}

/**
 * The sentiment analyzer's privacy wiring: its audited routes, and its retention targets — analyses (with their
 * aspects) and stored CSV upload inputs older than SENTIMENT_RETENTION_DAYS.
 */
@Injectable()
export class SentimentPrivacy implements OnModuleInit {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly audit: AuditLog,
    private readonly retention: ProductRetention,
  ) {}

  onModuleInit(): void {
    this.audit.auditRoutes(SENTIMENT_AUDITED_ROUTES);
    this.retention.register([
      {
        name: 'analyses',
        deleteOlderThan: async (cutoff, limit) => {
          const rows = await this.db.sentimentAnalysis.findMany({
            where: { createdAt: { lt: cutoff } },
            select: { id: true },
            orderBy: { createdAt: 'asc' },
            take: limit,
          });
          return (
            await deleteAnalyses(
              this.db,
              rows.map((r) => r.id),
            )
          ).analyses;
        },
      },
      {
        name: 'uploads',
        deleteOlderThan: async (cutoff, limit) => {
          // The stored input of finished upload jobs (the rows as uploaded, redacted); a queued or running job keeps its input.
          const rows = await this.db.sentimentUpload.findMany({
            where: { createdAt: { lt: cutoff } },
            select: { jobId: true },
            orderBy: { createdAt: 'asc' },
            take: limit,
          });
          if (rows.length === 0) return 0;
          const active = await this.db.job.findMany({
            where: { id: { in: rows.map((r) => r.jobId) }, status: { in: ['queued', 'running'] } },
            select: { id: true },
          });
          const keep = new Set(active.map((j) => j.id));
          const ids = rows.map((r) => r.jobId).filter((id) => !keep.has(id));
          if (ids.length) await this.db.sentimentUpload.deleteMany({ where: { jobId: { in: ids } } });
          // Rows kept because their job is still running count as "seen", so the loop ends.
          return ids.length === rows.length ? rows.length : Math.min(ids.length, limit - 1);
        },
      },
    ]);
  }
}

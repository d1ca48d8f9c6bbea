import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Prisma, productKey, type DbClient } from '@matrix/db';
import type { JobContext, JobQueue } from '@matrix/job-queue';
import { PRODUCT_CONFIG } from '../app/tokens';
import type { ProductConfig } from '../config/product-config';
import { InjectDb } from '../db/db.module';
import { InjectJobQueue } from '../jobs/job-queue.token';
import { ProductJobs } from '../jobs/product-jobs.service';
import { AuditLog } from './audit-log.service';

/** The job kind every product's retention runs under (on the shared job queue, Job.product = the product). */
export const RETENTION_KIND = 'retention';

/** How often the retention job is queued (and once at boot). */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** Rows a target deletes per call: short transactions, so the product's writes are never held up for long. */
export const RETENTION_CHUNK = 500;

/** Finished retention jobs are kept this long (so the Job table does not grow by one row an hour forever). */
const FINISHED_JOBS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/** One kind of data a product keeps, and how to delete its rows older than a cutoff. */
export interface RetentionTarget {
  /** Name in the job result and the audit entry, e.g. "conversations". */
  name: string;
  /**
   * Deletes at most `limit` of the oldest units (a conversation with its messages, an analysis with its aspects…)
   * last active before `cutoff`, with everything that refers to them; returns how many units it deleted. Called again
   * until it returns less than `limit`.
   */
  deleteOlderThan(cutoff: Date, limit: number): Promise<number>;
}

export interface RetentionReport {
  retentionDays: number;
  cutoff: string;
  deleted: Record<string, number>;
}

/**
 * Retention per product (issue 14): `<PRODUCT>_RETENTION_DAYS` (unset = keep forever). The product registers what to
 * delete (`register`, in its onModuleInit); this queues a `retention` job on the shared job queue at boot and every
 * hour — one job per product per hour, whatever the number of replicas (its id names the hour) — and the job deletes,
 * chunk by chunk, only rows older than the window, then records a `retention.run` audit entry with the counts.
 */
@Injectable()
export class ProductRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly targets: RetentionTarget[] = [];
  private timer: NodeJS.Timeout | undefined;
  readonly product: string;
  readonly retentionDays: number | null;

  constructor(
    private readonly jobs: ProductJobs,
    @InjectJobQueue() private readonly queue: JobQueue,
    @InjectDb() private readonly db: DbClient,
    private readonly audit: AuditLog,
    @Inject(PRODUCT_CONFIG) config: ProductConfig,
  ) {
    this.product = productKey(config.name);
    this.retentionDays = config.privacy.retentionDays;
  }

  /** Declares what the product deletes when data passes the retention window (call once, in onModuleInit). */
  register(targets: RetentionTarget[]): void {
    if (this.targets.length === 0) {
      this.jobs.define({ product: this.product, kind: RETENTION_KIND, run: (context) => this.runJob(context), retry: true });
    }
    this.targets.push(...targets);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.retentionDays === null || this.targets.length === 0) return;
    // The queue starts in its own bootstrap hook; starting it here first is harmless (start is idempotent).
    await this.queue.start();
    await this.schedule();
    this.timer = setInterval(() => void this.schedule(), RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Queues this hour's retention job (once per product and hour, across replicas); returns its id, or null when off. */
  async schedule(now = new Date()): Promise<string | null> {
    if (this.retentionDays === null || this.targets.length === 0) return null;
    const id = `${this.product}-retention-${now.toISOString().slice(0, 13).replace(/\D/g, '')}`;
    try {
      await this.db.job.create({ data: { id, product: this.product, kind: RETENTION_KIND, params: JSON.stringify({ retentionDays: this.retentionDays }) } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return id; // another replica (or the boot run) queued it
      this.logger.error(`could not queue the retention job: ${(error as Error).message}`);
      return null;
    }
    await this.queue.enqueue(id);
    return id;
  }

  /** Deletes every registered target's rows older than the window (the job's work; tests call it directly). */
  async run(now = new Date(), between?: () => void): Promise<RetentionReport> {
    const days = this.retentionDays;
    if (days === null) throw new Error('retention is off (no <PRODUCT>_RETENTION_DAYS)');
    const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
    const deleted: Record<string, number> = {};
    for (const target of this.targets) {
      deleted[target.name] = 0;
      for (;;) {
        between?.();
        const count = await target.deleteOlderThan(cutoff, RETENTION_CHUNK);
        deleted[target.name] += count;
        if (count < RETENTION_CHUNK) break;
      }
    }
    await this.db.job.deleteMany({
      where: {
        product: this.product,
        kind: RETENTION_KIND,
        status: { in: ['succeeded', 'failed', 'cancelled'] },
        finishedAt: { lt: new Date(now.getTime() - FINISHED_JOBS_KEPT_MS) },
      },
    });
    const report = { retentionDays: days, cutoff: cutoff.toISOString(), deleted };
    await this.audit.record(null, 'retention.run', null, { ...report }, { system: true });
    const total = Object.values(deleted).reduce((a, b) => a + b, 0);
    if (total > 0)
      this.logger.log(
        `retention (${days} days): deleted ${Object.entries(deleted)
          .map(([name, n]) => `${n} ${name}`)
          .join(', ')}`,
      );
    return report;
  }

  private async runJob(context: JobContext): Promise<object> {
    return this.run(new Date(), () => context.throwIfStopping());
  }
}

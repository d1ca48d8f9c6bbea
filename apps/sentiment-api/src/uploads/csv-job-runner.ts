import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Prisma, withTransaction, type DbClient } from '@matrix/db';
import { GatewayError } from '@matrix/gateway-client';
import { ApiError, InjectDb } from '@matrix/product-server';
import { AnalysisStore } from '../analyses/analysis-store';
import { SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { SentimentMetrics } from '../observability/sentiment-metrics';
import { SentimentScorer } from '../scoring/sentiment-scorer';
import { JOB_KIND, JOB_PRODUCT } from './csv-job';

/** The job stops between chunks (it stays 'running' and resumes at the next boot). */
class Stopping extends Error {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isTransient(error: unknown): boolean {
  if (error instanceof GatewayError) return error.retryable;
  if (error instanceof ApiError) return error.status === 503;
  return false;
}

/**
 * Runs CSV upload jobs in the background, one at a time, in chunks: each chunk is scored through the
 * gateway (bulk priority, so people at the analyse box go first), then its analyses and the job's
 * progress are written in one transaction. So the stored rows and `done` always agree, and a job
 * interrupted by a restart resumes at boot, skipping the rows already stored. A chunk the gateway
 * fails is retried after SENTIMENT_JOB_RETRY_MS; after the last retry the job fails with the reason
 * (the rows stored so far stay, and the results say which rows were not analysed).
 */
@Injectable()
export class CsvJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CsvJobRunner');
  private readonly queue: string[] = [];
  private draining?: Promise<void>;
  private stopping = false;

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly scorer: SentimentScorer,
    private readonly store: AnalysisStore,
    private readonly metrics: SentimentMetrics,
    @Inject(SENTIMENT_CONFIG) private readonly config: SentimentConfig,
  ) {}

  /** Picks up the jobs a previous process left queued or running. */
  async onApplicationBootstrap(): Promise<void> {
    const unfinished = await this.db.job.findMany({
      where: { product: JOB_PRODUCT, kind: JOB_KIND, status: { in: ['queued', 'running'] } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, status: true },
    });
    for (const job of unfinished) {
      if (job.status === 'running') this.logger.log(`resuming job ${job.id}`);
      this.enqueue(job.id);
    }
  }

  /** Finishes the current chunk, then stops; unfinished jobs stay queued/running for the next boot. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.draining;
  }

  enqueue(jobId: string): void {
    if (this.stopping || this.queue.includes(jobId)) return;
    this.queue.push(jobId);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Resolves when the queue is empty (tests). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let jobId = this.queue.shift(); jobId && !this.stopping; jobId = this.queue.shift()) {
      try {
        await this.run(jobId);
      } catch (error) {
        if (error instanceof Stopping) return;
        this.logger.error({ err: error, jobId }, `job ${jobId} failed`);
        const job = await this.db.job.findUnique({ where: { id: jobId } }).catch(() => null);
        const progress = job ? ` (${job.done} of ${job.total ?? '?'} rows were analysed; the results list the others as not analysed)` : '';
        await this.finish(jobId, 'failed', `${(error as Error).message}${progress}`).catch(() => undefined);
      }
    }
  }

  private async run(jobId: string): Promise<void> {
    const job = await this.db.job.findUnique({ where: { id: jobId } });
    const upload = await this.db.sentimentUpload.findUnique({ where: { jobId } });
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    if (!upload) throw new Error(`job ${jobId} has no stored input`);
    const rows = JSON.parse(upload.rows) as Array<[number, string]>;
    const stored = await this.store.storedRowNumbers(jobId);
    const pending = rows.filter(([row]) => !stored.has(row));
    let done = rows.length - pending.length;
    await this.db.job.update({
      where: { id: jobId },
      data: { status: 'running', startedAt: job.startedAt ?? new Date(), total: rows.length, done, progress: rows.length ? done / rows.length : 1 },
    });
    for (let start = 0; start < pending.length; start += this.config.jobChunkRows) {
      if (this.stopping) throw new Stopping();
      const chunk = pending.slice(start, start + this.config.jobChunkRows);
      const scored = await this.scoreWithRetries(chunk.map(([, text]) => text));
      try {
        const analyses = await withTransaction(this.db, async (tx) => {
          const written = await this.store.insert(tx, scored, { source: upload.source, jobId, rowNumbers: chunk.map(([row]) => row) });
          await tx.job.update({ where: { id: jobId }, data: { done: done + chunk.length, progress: (done + chunk.length) / rows.length } });
          return written;
        });
        this.metrics.countAnalyses(analyses, 'csv');
        done += chunk.length;
      } catch (error) {
        // Another process stored some of these rows meanwhile (unique jobId+rowNumber): start over from what is stored.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return this.run(jobId);
        throw error;
      }
    }
    await this.finish(jobId, 'succeeded', null, { analysed: done, rejected: (JSON.parse(upload.rejected) as unknown[]).length });
  }

  private async scoreWithRetries(texts: string[]) {
    const delays = this.config.jobRetryDelaysMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.scorer.score(texts, 'bulk');
      } catch (error) {
        if (!isTransient(error) || attempt >= delays.length || this.stopping) throw error;
        this.logger.warn(`gateway failed a chunk (${(error as Error).message}); retrying in ${delays[attempt]} ms`);
        await sleep(delays[attempt]);
      }
    }
  }

  private async finish(jobId: string, status: 'succeeded' | 'failed', error: string | null, result?: object): Promise<void> {
    await this.db.job.update({
      where: { id: jobId },
      data: { status, error, finishedAt: new Date(), ...(status === 'succeeded' ? { progress: 1 } : {}), ...(result ? { result: JSON.stringify(result) } : {}) },
    });
    this.metrics.jobs.inc({ status });
  }
}

import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Prisma, withTransaction, type DbClient } from '@matrix/db';
import type { CsvJobResult } from '@matrix/sentiment-contract';
import { InjectDb, JobInterrupted, ProductJobs, type JobContext } from '@matrix/product-server';
import { AnalysisStore } from '../analyses/analysis-store';
import { SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { SentimentModelService } from '../model/sentiment-model.service';
import { SentimentMetrics } from '../observability/sentiment-metrics';
import { AspectScorer } from '../aspects/aspect-scorer';
import { withAspects } from '../scoring/label-rules';
import { UploadOriginals } from '../privacy/upload-originals';
import { SentimentScorer, type ScoredText } from '../scoring/sentiment-scorer';
import { JOB_KIND, JOB_PRODUCT, toJobView } from './csv-job';

/**
 * Runs CSV upload jobs on the product's job queue (libs/job-queue: in-process by default, BullMQ on Redis in
 * production; the queue resumes unfinished jobs at boot and stops them between chunks at shutdown). A job runs in
 * chunks: each chunk is scored through the gateway (bulk priority, so people at the analyse box go first), then its
 * analyses and the job's progress are written in one transaction. So the stored rows and `done` always agree, and
 * a resumed job skips the rows already stored. While the gateway cannot score a chunk (down, restarting, overloaded,
 * the model not registered again yet) the job waits with a visible reason and tries the same chunk again with
 * backoff, the model made sure to be served first (JobContext.waitOut; window JOB_DEPENDENCY_WAIT_MINUTES); past the
 * window it fails with the reason (the rows stored so far stay, the results list the others as not analysed, and
 * POST /api/jobs/:id/retry analyses only those).
 */
@Injectable()
export class CsvJobRunner implements OnModuleInit {
  private readonly logger = new Logger('CsvJobRunner');

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly jobs: ProductJobs,
    private readonly scorer: SentimentScorer,
    private readonly aspectScorer: AspectScorer,
    private readonly store: AnalysisStore,
    private readonly metrics: SentimentMetrics,
    private readonly models: SentimentModelService,
    @Inject(SENTIMENT_CONFIG) private readonly config: SentimentConfig,
    private readonly originals: UploadOriginals,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      product: JOB_PRODUCT,
      kind: JOB_KIND,
      run: (context) => this.runReportingProgress(context),
      view: toJobView,
      onSettled: (status) => this.metrics.jobs.inc({ status }),
    });
  }

  private async runReportingProgress(context: JobContext): Promise<CsvJobResult> {
    try {
      return await this.run(context);
    } catch (error) {
      if (error instanceof JobInterrupted) throw error;
      this.logger.error({ err: error, jobId: context.job.id }, `job ${context.job.id} failed`);
      const job = await this.db.job.findUnique({ where: { id: context.job.id } }).catch(() => null);
      const progress = job ? ` (${job.done} of ${job.total ?? '?'} rows were analysed; the results list the others as not analysed)` : '';
      throw new Error(`${(error as Error).message}${progress}`);
    }
  }

  private async run(context: JobContext): Promise<CsvJobResult> {
    const jobId = context.job.id;
    const upload = await this.db.sentimentUpload.findUnique({ where: { jobId } });
    if (!upload) throw new Error(`job ${jobId} has no stored input`);
    // The rows as uploaded when this process still holds them (the model scores what was written); else the stored,
    // redacted ones. Either way the analyses are stored redacted (AnalysisStore.insert).
    const rows = this.originals.take(jobId) ?? (JSON.parse(upload.rows) as Array<[number, string]>);
    const stored = await this.store.storedRowNumbers(jobId);
    const pending = rows.filter(([row]) => !stored.has(row));
    let done = rows.length - pending.length;
    await context.progress(done, rows.length);
    for (let start = 0; start < pending.length; start += this.config.jobChunkRows) {
      context.throwIfStopping();
      const chunk = pending.slice(start, start + this.config.jobChunkRows);
      const texts = chunk.map(([, text]) => text);
      // After a gateway restart the model is registered again before the chunk is tried again.
      const scored = await context.waitOut(() => this.scoreChunk(texts, upload.aspects), { beforeRetry: () => this.models.ensureServed() });
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
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return this.run(context);
        throw error;
      }
    }
    return { analysed: done, rejected: (JSON.parse(upload.rejected) as unknown[]).length };
  }

  /** A chunk's scores; with `aspects`, each text's aspects too (stored with it, part of the MIXED rule). */
  private async scoreChunk(texts: string[], aspects: boolean): Promise<ScoredText[]> {
    const scored = await this.scorer.score(texts, 'bulk');
    if (!aspects) return scored;
    const found = await Promise.all(texts.map((text) => this.aspectScorer.extractAndScore(text, 'bulk')));
    return scored.map((s, i) => ({ ...withAspects(s, found[i].aspects), aspects: found[i].aspects }));
  }
}

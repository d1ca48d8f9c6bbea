import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { withTransaction, type DbClient } from '@matrix/db';
import { GatewayError } from '@matrix/gateway-client';
import { ApiError, InjectDb } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig } from '../config/image-tagger-config';
import { ImageLibrary } from '../images/image-library';
import { ImageTaggerMetrics } from '../observability/image-tagger-metrics';
import { ImageStore } from '../storage/image-store';
import type { ImageFormat } from '../storage/image-type';
import { ImageRefused, Tagger } from '../tags/tagger.service';
import { JOB_KIND, JOB_PRODUCT, type TaggingJobParams } from './tagging-job';

/** The job stops between chunks (it stays 'running' and resumes at the next boot). */
class Stopping extends Error {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isTransient(error: unknown): boolean {
  if (error instanceof GatewayError) return error.retryable;
  if (error instanceof ApiError) return error.status === 503 && error.code === 'gateway_unavailable';
  return false;
}

/**
 * Runs bulk tagging jobs in the background, one at a time, chunk by chunk: a chunk's images are
 * read from the store and tagged through the gateway (bulk priority: uploads people wait for go
 * first), then their tags and the job's `done` are written in one transaction. The image list is
 * fixed in the job, so a job interrupted by a restart resumes at boot from `done`. A chunk the
 * gateway fails is retried after IMAGE_TAGGER_JOB_RETRY_MS; then the job fails with the reason.
 */
@Injectable()
export class TaggingJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TaggingJobRunner');
  private readonly queue: string[] = [];
  private draining?: Promise<void>;
  private stopping = false;
  private readonly cancelled = new Set<string>();

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly tagger: Tagger,
    private readonly library: ImageLibrary,
    private readonly store: ImageStore,
    private readonly metrics: ImageTaggerMetrics,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

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

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.draining;
  }

  enqueue(jobId: string): void {
    if (this.stopping || this.queue.includes(jobId)) return;
    this.queue.push(jobId);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Stops a queued or running job after its current chunk. */
  cancel(jobId: string): void {
    this.cancelled.add(jobId);
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
        await this.finish(jobId, 'failed', (error as Error).message).catch(() => undefined);
      }
    }
  }

  private async run(jobId: string): Promise<void> {
    const job = await this.db.job.findUnique({ where: { id: jobId } });
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    const params = JSON.parse(job.params) as TaggingJobParams;
    const total = params.imageIds.length;
    let done = job.done;
    const result = job.result ? (JSON.parse(job.result) as { tagged: number; failed: number }) : { tagged: 0, failed: 0 };
    await this.db.job.update({ where: { id: jobId }, data: { status: 'running', startedAt: job.startedAt ?? new Date(), total, progress: total ? done / total : 1 } });
    while (done < total) {
      if (this.stopping) throw new Stopping();
      if (this.cancelled.delete(jobId)) return this.finish(jobId, 'cancelled', null, result);
      const ids = params.imageIds.slice(done, done + this.config.jobChunk);
      const rows = await this.db.imageTaggerImage.findMany({ where: { id: { in: ids } }, select: { id: true, sha256: true, format: true } });
      // Images deleted since the job was made are skipped; a missing file fails that image only.
      const images = await Promise.all(
        rows.map(async (row) => ({ ...row, bytes: await this.store.readOriginal(row.sha256, row.format as ImageFormat).catch(() => undefined) })),
      );
      const readable = images.filter((i): i is typeof i & { bytes: Buffer } => i.bytes !== undefined);
      const taggings = await this.withRetries(() =>
        this.tagger.tag(
          readable.map((i) => ({ bytes: i.bytes, format: i.format as ImageFormat })),
          { features: params.features, vocabulary: params.vocabulary ?? undefined, priority: 'bulk' },
        ),
      );
      await withTransaction(this.db, async (tx) => {
        for (const [i, image] of readable.entries()) {
          const tagging = taggings[i];
          if (tagging instanceof ImageRefused) {
            await tx.imageTaggerImage.update({ where: { id: image.id }, data: { status: 'failed', error: tagging.message } });
            result.failed++;
          } else {
            await this.library.retag(tx, image.id, tagging, params.features, params.vocabulary?.name);
            result.tagged++;
          }
        }
        for (const missing of images.filter((i) => i.bytes === undefined)) {
          await tx.imageTaggerImage.update({ where: { id: missing.id }, data: { status: 'failed', error: 'the original file is missing from the image store' } });
          result.failed++;
        }
        done += ids.length;
        await tx.job.update({ where: { id: jobId }, data: { done, progress: done / total, result: JSON.stringify(result) } });
      }, { timeout: 60_000 });
    }
    await this.finish(jobId, 'succeeded', null, result);
  }

  private async withRetries<T>(work: () => Promise<T>): Promise<T> {
    const delays = this.config.jobRetryDelaysMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!isTransient(error) || attempt >= delays.length || this.stopping) throw error;
        this.logger.warn(`gateway failed a chunk (${(error as Error).message}); retrying in ${delays[attempt]} ms`);
        await sleep(delays[attempt]);
      }
    }
  }

  private async finish(jobId: string, status: 'succeeded' | 'failed' | 'cancelled', error: string | null, result?: object): Promise<void> {
    await this.db.job.update({
      where: { id: jobId },
      data: { status, error, finishedAt: new Date(), ...(status === 'succeeded' ? { progress: 1 } : {}), ...(result ? { result: JSON.stringify(result) } : {}) },
    });
    this.metrics.jobs.inc({ status });
  }
}

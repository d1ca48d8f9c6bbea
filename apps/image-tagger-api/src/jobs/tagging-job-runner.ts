import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { withTransaction, type DbClient } from '@matrix/db';
import { InjectDb, JobCancelled, ProductJobs, type JobContext } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig } from '../config/image-tagger-config';
import { ImageLibrary } from '../images/image-library';
import { ImageTaggerMetrics } from '../observability/image-tagger-metrics';
import { ImageStore } from '../storage/image-store';
import type { ImageFormat } from '../storage/image-type';
import { ImageRefused, Tagger } from '../tags/tagger.service';
import { JOB_KIND, JOB_PRODUCT, toJobView, type TaggingJobParams, type TaggingJobResult } from './tagging-job';

/**
 * Runs bulk tagging jobs on the product's job queue (libs/job-queue: one at a time, in-process by default, BullMQ on
 * Redis in production; unfinished jobs resume at boot), chunk by chunk: a chunk's images are read from the store and
 * tagged through the gateway (bulk priority: uploads people wait for go first), then their tags and the job's `done`
 * are written in one transaction. The image list is fixed in the job, so a resumed job goes on from `done`; a
 * shutdown or a cancel stops it between chunks. While the gateway cannot tag a chunk (down, restarting, overloaded,
 * a model not served yet) the job waits with a visible reason and tries the same chunk again with backoff
 * (JobContext.waitOut; window JOB_DEPENDENCY_WAIT_MINUTES); past the window it fails with the reason, and
 * POST /api/jobs/:id/retry goes on from `done`.
 */
@Injectable()
export class TaggingJobRunner implements OnModuleInit {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly jobs: ProductJobs,
    private readonly tagger: Tagger,
    private readonly library: ImageLibrary,
    private readonly store: ImageStore,
    private readonly metrics: ImageTaggerMetrics,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      product: JOB_PRODUCT,
      kind: JOB_KIND,
      run: (context) => this.run(context),
      view: toJobView,
      onSettled: (status) => this.metrics.jobs.inc({ status }),
    });
  }

  private async run(context: JobContext): Promise<TaggingJobResult> {
    const jobId = context.job.id;
    const params = JSON.parse(context.job.params) as TaggingJobParams;
    const total = params.imageIds.length;
    let done = context.job.done;
    const result: TaggingJobResult = context.job.result ? (JSON.parse(context.job.result) as TaggingJobResult) : { tagged: 0, failed: 0 };
    await context.progress(done, total);
    while (done < total) {
      context.throwIfStopping();
      if (await context.cancelled()) {
        this.metrics.jobs.inc({ status: 'cancelled' });
        throw new JobCancelled(jobId);
      }
      const ids = params.imageIds.slice(done, done + this.config.jobChunk);
      const rows = await this.db.imageTaggerImage.findMany({ where: { id: { in: ids } }, select: { id: true, sha256: true, format: true } });
      // Images deleted since the job was made are skipped; a missing file fails that image only.
      const images = await Promise.all(
        rows.map(async (row) => ({ ...row, bytes: await this.store.readOriginal(row.sha256, row.format as ImageFormat).catch(() => undefined) })),
      );
      const readable = images.filter((i): i is typeof i & { bytes: Buffer } => i.bytes !== undefined);
      const taggings = await context.waitOut(() =>
        this.tagger.tag(
          readable.map((i) => ({ bytes: i.bytes, format: i.format as ImageFormat })),
          { features: params.features, vocabulary: params.vocabulary ?? undefined, priority: 'bulk' },
        ),
      );
      await withTransaction(
        this.db,
        async (tx) => {
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
            await tx.imageTaggerImage.update({
              where: { id: missing.id },
              data: { status: 'failed', error: 'the original file is missing from the image store' },
            });
            result.failed++;
          }
          done += ids.length;
          await tx.job.update({ where: { id: jobId }, data: { done, progress: done / total, result: JSON.stringify(result) } });
        },
        { timeout: 60_000 },
      );
    }
    return result;
  }
}

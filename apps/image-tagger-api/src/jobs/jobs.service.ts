import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import { ApiError, createJobOnce, InjectDb, ProductJobs } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig, type TagFeature } from '../config/image-tagger-config';
import { ImageLibrary, type ImageFilters } from '../images/image-library';
import { GatewayModels } from '../models/gateway-models.service';
import { VocabularyService } from '../vocabularies/vocabulary.service';
import { JOB_KIND, JOB_PRODUCT, toJobView, type JobScope, type TaggingJobParams, type TaggingJobView } from './tagging-job';

/** Most images one job takes (its id list lives in Job.params). */
export const MAX_JOB_IMAGES = 100_000;
const MODEL_CHECK_RETRY_MS = 10_000;

export interface CreateJob {
  scope: JobScope;
  ids?: string[];
  collection?: string;
  features?: TagFeature[];
  vocabulary?: string;
}

/**
 * Starts bulk tagging jobs (TaggingJobRunner runs them; /api/jobs reads them): tag the untagged, re-tag the stale (another classifier version), everything, a
 * collection, or given images. At boot, when the gateway serves a classifier version other than
 * the one images were tagged with, a re-tag job of the stale images starts by itself.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TaggingJobs');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly library: ImageLibrary,
    private readonly jobs: ProductJobs,
    private readonly vocabularies: VocabularyService,
    private readonly models: GatewayModels,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retagOnModelChange) void this.retagIfModelChanged();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  /** create(), at most once per Idempotency-Key: a resubmission answers the job the key started (created: false). */
  async createOnce(request: CreateJob, idempotencyKey: string | undefined): Promise<{ job: TaggingJobView; created: boolean }> {
    let view: TaggingJobView | undefined;
    const { job, created } = await createJobOnce(this.db, JOB_PRODUCT, idempotencyKey, async () => {
      view = await this.create(request, 'request', idempotencyKey);
      return this.jobs.row(view.id);
    });
    return { job: created && view ? view : toJobView(job), created };
  }

  async create(request: CreateJob, reason = 'request', idempotencyKey?: string): Promise<TaggingJobView> {
    const features = request.features ?? this.config.defaultFeatures;
    const vocabulary = features.includes('zero-shot') ? await this.vocabularies.require(request.vocabulary) : null;
    if (request.scope === 'collection' && !request.collection) throw new ApiError(422, 'collection_required', 'scope "collection" needs collection=<name>');
    if (request.scope === 'ids' && !request.ids?.length) throw new ApiError(422, 'ids_required', 'scope "ids" needs ids: [image ids]');
    let imageIds: string[];
    if (request.scope === 'ids') {
      const found = new Set((await this.db.imageTaggerImage.findMany({ where: { id: { in: request.ids } }, select: { id: true } })).map((r) => r.id));
      const missing = (request.ids ?? []).filter((id) => !found.has(id));
      if (missing.length)
        throw new ApiError(
          404,
          'not_found',
          `no image ${missing
            .slice(0, 5)
            .map((m) => `'${m}'`)
            .join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
        );
      imageIds = [...new Set(request.ids)];
    } else {
      const filters: ImageFilters =
        request.scope === 'untagged'
          ? { status: 'pending' }
          : request.scope === 'stale'
            ? { stale: true }
            : request.scope === 'collection'
              ? { collection: request.collection }
              : {};
      if (request.scope === 'untagged') {
        imageIds = [...(await this.library.ids({ status: 'pending' }, MAX_JOB_IMAGES)), ...(await this.library.ids({ status: 'failed' }, MAX_JOB_IMAGES))];
      } else {
        imageIds = await this.library.ids(filters, MAX_JOB_IMAGES);
      }
    }
    if (imageIds.length > MAX_JOB_IMAGES)
      throw new ApiError(413, 'too_many_images', `a job takes at most ${MAX_JOB_IMAGES} images; narrow it with a collection`);
    const params: TaggingJobParams = { scope: request.scope, collection: request.collection ?? null, features, vocabulary, imageIds, reason };
    const job = await this.db.job.create({
      data: { product: JOB_PRODUCT, kind: JOB_KIND, params: JSON.stringify(params), total: imageIds.length, idempotencyKey: idempotencyKey ?? null },
    });
    await this.jobs.enqueue(job.id);
    return toJobView(job);
  }

  /** Starts one re-tag job of the stale images, unless one is already queued or running. */
  private async retagIfModelChanged(): Promise<void> {
    try {
      const version = await this.models.classifierVersion();
      if (!version) throw new Error('the gateway does not list the classifier yet');
      const stale = await this.library.countStale();
      if (!stale) return;
      const open = await this.db.job.findMany({
        where: { product: JOB_PRODUCT, kind: JOB_KIND, status: { in: ['queued', 'running'] } },
        select: { params: true },
      });
      if (open.some((j) => (JSON.parse(j.params) as TaggingJobParams).scope === 'stale')) return;
      const job = await this.create({ scope: 'stale' }, 'model-change');
      this.logger.log(
        `the gateway serves ${this.config.classifier} version ${version}: re-tagging ${job.total} images tagged by another version (job ${job.id})`,
      );
    } catch (error) {
      this.logger.warn(`cannot check for a classifier version change yet (${(error as Error).message}); trying again in ${MODEL_CHECK_RETRY_MS / 1000} s`);
      this.timer = setTimeout(() => void this.retagIfModelChanged(), MODEL_CHECK_RETRY_MS);
      this.timer.unref();
    }
  }
}

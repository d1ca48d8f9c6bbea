import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { cocoVal2017MiniDir } from '@matrix/datasets';
import type { DbClient } from '@matrix/db';
import {
  demoDataEnabled,
  installDemoData,
  InjectDb,
  PRODUCT_ENV,
  ProductJobs,
  ReadinessRegistry,
  retryWithBackoff,
  type DemoDataSpec,
  worthWaitingFor,
  type JobContext,
} from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig } from '../config/image-tagger-config';
import { JOB_PRODUCT } from '../jobs/tagging-job';
import { UploadService } from '../uploads/upload.service';

/** The collection of the demo images (the library can filter on it; a person tells them from their own). */
export const DEMO_COLLECTION = 'demo';
/** How many photos a first visitor finds tagged. */
export const DEMO_IMAGE_COUNT = 8;
/** Waiting for the model is normal at startup: logged as info for the first tries (about a minute), then as a warning. */
const QUIET_RETRIES = 6;
const WAIT_FOR_MODELS_MS = 15 * 60_000;

/** The first photos (by file name) of the shipped COCO val2017 sample: everyday scenes with several objects each. */
export function demoImageFiles(dir: string, count = DEMO_IMAGE_COUNT): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(jpe?g|png)$/i.test(name))
    .sort()
    .slice(0, count)
    .map((name) => join(dir, name));
}

/**
 * First start of the embedded default: a few COCO photos uploaded and tagged (collection "demo"), so the library
 * is not empty for a first visitor. One background job, queued once on an empty database; each photo waits with
 * backoff until the gateway serves the models, and a photo already stored is a duplicate (same bytes), so a
 * resumed job does not store it twice. IMAGE_TAGGER_DEMO_DATA=0 turns it off.
 */
@Injectable()
export class ImageTaggerDemo implements OnModuleInit {
  private readonly logger = new Logger('DemoData');
  private readonly spec: DemoDataSpec;

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly jobs: ProductJobs,
    private readonly readiness: ReadinessRegistry,
    private readonly uploads: UploadService,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
    @Inject(PRODUCT_ENV) env: NodeJS.ProcessEnv,
  ) {
    this.spec = {
      product: JOB_PRODUCT,
      enabled: demoDataEnabled(env, 'IMAGE_TAGGER_DEMO_DATA'),
      hasData: async () => (await this.db.imageTaggerImage.count()) > 0,
    };
  }

  async onModuleInit(): Promise<void> {
    if ((await installDemoData({ db: this.db, jobs: this.jobs, readiness: this.readiness }, this.spec, { run: (context) => this.run(context) })) === 'queued')
      this.logger.log('empty database: a few demo photos will be tagged in the background');
  }

  private async run(context: JobContext): Promise<object> {
    const files = demoImageFiles(join(cocoVal2017MiniDir(), 'val2017'));
    let created = 0;
    for (const [i, path] of files.entries()) {
      context.throwIfStopping();
      const filename = path.slice(path.lastIndexOf('/') + 1);
      const result = await retryWithBackoff(
        () =>
          this.uploads.upload([{ filename, bytes: readFileSync(path) }], {
            features: this.config.defaultFeatures,
            collection: DEMO_COLLECTION,
            allTags: false,
          }),
        {
          giveUpAfterMs: WAIT_FOR_MODELS_MS,
          retryable: worthWaitingFor,
          signal: context.signal,
          onRetry: (error, delay, attempt) =>
            this.logger[attempt > QUIET_RETRIES ? 'warn' : 'log'](
              `demo photos: waiting for the models (${error.message}); next try in ${Math.round(delay / 1000)} s`,
            ),
        },
      );
      created += result.created;
      await context.progress(i + 1, files.length);
    }
    return { demo: true, dataset: 'coco-val2017-mini', images: files.length, created };
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { loadMovieLens100k, movieLens100kDir } from '@matrix/datasets';
import type { DbClient, Job } from '@matrix/db';
import {
  demoDataEnabled,
  installDemoData,
  InjectDb,
  MonotoneProgress,
  PRODUCT_ENV,
  ProductJobs,
  ReadinessRegistry,
  type DemoDataSpec,
  type JobContext,
} from '@matrix/product-server';
import { itemSchema } from '../catalog/catalog-schemas';
import { CatalogStore } from '../catalog/catalog-store';
import { RECOMMENDER_CONFIG, type RecommenderConfig } from '../config/recommender-config';
import { EventIngest } from '../events/event-ingest';
import { interactionsFromMovieLens, itemsFromMovieLens } from '../imports/import-parsers';
import { TrainingJobRunner } from '../jobs/training-job-runner';
import { JOB_PRODUCT, type TrainingJobView } from '../jobs/training-job-view';
import { trainingRequestSchema } from '../jobs/training-options';
import { movieLensItemLines } from './movielens-text';

/**
 * Rows per write: each chunk is its own short transaction, so other writers get the database between chunks, and
 * the event loop is yielded between chunks (SQLite writes are synchronous), so /health and the web's calls are
 * answered while the demo imports.
 */
const ITEMS_CHUNK = 200;
const EVENTS_CHUNK = 1000;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
const PROGRESS_UNITS = 1000;
/** The bar of the demo job: items 0–3 %, ratings 3–35 %, training 35–100 %. */
const ITEMS_SPAN = [0, 0.03] as const;
const RATINGS_SPAN = [0.03, 0.35] as const;

/**
 * First start of the embedded default: the MovieLens 100K demo (the shipped data set under the configured
 * datasets dir) imported and trained as one background job, so the first visitor gets recommendations without
 * running anything. Queued once (on an empty database), shown as a job with monotone progress (GET
 * /api/jobs?kind=demo-data), resumed after a restart (rows already stored count as duplicates), and
 * RECOMMENDER_DEMO_DATA=0 turns it off. /health/ready stays false until it has finished.
 */
@Injectable()
export class MovieLensDemo implements OnModuleInit {
  private readonly logger = new Logger('DemoData');
  private readonly live = new Map<string, { stage: string; detail?: string }>();
  private readonly spec: DemoDataSpec;

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly jobs: ProductJobs,
    private readonly readiness: ReadinessRegistry,
    private readonly catalog: CatalogStore,
    private readonly ingest: EventIngest,
    private readonly trainer: TrainingJobRunner,
    @Inject(PRODUCT_ENV) env: NodeJS.ProcessEnv,
    @Inject(RECOMMENDER_CONFIG) private readonly config: RecommenderConfig,
  ) {
    this.spec = {
      product: JOB_PRODUCT,
      enabled: demoDataEnabled(env, 'RECOMMENDER_DEMO_DATA'),
      hasData: async () => (await this.db.recommenderItem.count()) > 0 || (await this.db.recommenderInteraction.count()) > 0,
    };
  }

  async onModuleInit(): Promise<void> {
    const decision = await installDemoData({ db: this.db, jobs: this.jobs, readiness: this.readiness }, this.spec, {
      run: (context) => this.run(context),
      view: (job) => this.view(job),
    });
    if (decision === 'queued')
      this.logger.log('empty database: the MovieLens 100K demo will be imported and trained in the background (RECOMMENDER_DEMO_DATA=0 turns this off)');
  }

  /** The job as the web shows it: the training job's view, with the import stage while it imports. */
  view(job: Job): TrainingJobView {
    const view = this.trainer.view(job);
    const live = this.live.get(job.id);
    return view.stage || !live ? view : { ...view, stage: live.stage, detail: live.detail ?? null };
  }

  private async run(context: JobContext): Promise<object> {
    const jobId = context.job.id;
    const bar = new MonotoneProgress((fraction) => void context.progress(Math.round(fraction * PROGRESS_UNITS), PROGRESS_UNITS).catch(() => undefined));
    // A resumed job starts its bar where the stored one was.
    bar.report(context.job.progress);
    try {
      const dir = this.config.demoDir ?? movieLens100kDir();
      const ml = loadMovieLens100k(dir);
      const items = itemsFromMovieLens(movieLensItemLines(ml));
      const valid = items.rows.flatMap(({ value }) => {
        const item = itemSchema.safeParse(value);
        return item.success ? [item.data] : [];
      });
      const itemsStage = bar.stage(...ITEMS_SPAN);
      for (let i = 0; i < valid.length; i += ITEMS_CHUNK) {
        context.throwIfStopping();
        this.live.set(jobId, { stage: 'importing movies', detail: `${Math.min(i + ITEMS_CHUNK, valid.length)} of ${valid.length}` });
        await this.catalog.upsertItems(valid.slice(i, i + ITEMS_CHUNK));
        await yieldToRequests();
        itemsStage(Math.min(i + ITEMS_CHUNK, valid.length) / valid.length);
      }
      const ratings = interactionsFromMovieLens(readFileSync(join(dir, 'u.data'), 'utf8')).rows;
      const ratingsStage = bar.stage(...RATINGS_SPAN);
      let accepted = 0;
      for (let i = 0; i < ratings.length; i += EVENTS_CHUNK) {
        context.throwIfStopping();
        this.live.set(jobId, { stage: 'importing ratings', detail: `${Math.min(i + EVENTS_CHUNK, ratings.length)} of ${ratings.length}` });
        accepted += (await this.ingest.ingest(ratings.slice(i, i + EVENTS_CHUNK))).accepted;
        await yieldToRequests();
        ratingsStage(Math.min(i + EVENTS_CHUNK, ratings.length) / ratings.length);
      }
      this.logger.log(`demo data: ${valid.length} movies and ${accepted} new ratings imported; training`);
      this.live.delete(jobId);
      // No hold-out run: the first visitor waits for one training, not two (a later training job measures the version).
      const trained = await this.trainer.trainAs(context, trainingRequestSchema.parse({ holdout: 0 }), RATINGS_SPAN[1], 1);
      return { demo: true, dataset: 'movielens-100k', movies: valid.length, ratings: ratings.length, trained };
    } finally {
      this.live.delete(jobId);
    }
  }
}

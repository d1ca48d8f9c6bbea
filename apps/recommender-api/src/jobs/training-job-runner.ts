import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { DbClient, Job } from '@matrix/db';
import { GatewayClient } from '@matrix/gateway-client';
import { InjectDb, JobCancelled, MonotoneProgress, ProductJobs, type JobContext } from '@matrix/product-server';
import { embedItemTexts } from '../../training/content-embeddings';
import { newVersion, TrainingCancelledError, type TrainingProgress } from '@matrix/recommender-model';
import { writeArtifact } from '../../training/model-artifact';
import { useWasmBackend } from '@matrix/model-training';
import { DEFAULT_TRAINING, trainRecommender, type RecommenderTrainingOptions } from '../../training/train-recommender';
import { RECOMMENDER_CONFIG, type RecommenderConfig } from '../config/recommender-config';
import { ActiveModelService } from '../model/active-model.service';
import { holdoutMetrics, holdoutSplit } from './holdout-metrics';
import { loadTrainingEvents } from './training-events';
import type { TrainingRequest } from './training-options';
import { JOB_KIND, JOB_PRODUCT, toTrainingJobView, type TrainingJobView } from './training-job-view';

const PROGRESS_WRITE_MS = 500;
/** Job.done / Job.total units of the progress bar. */
const PROGRESS_UNITS = 1000;

/**
 * Training jobs on the shared job queue (libs/job-queue; one at a time per queue, in this process by
 * default): reads the stored interactions, measures a hold-out split (when asked), trains on
 * everything (BPR with TensorFlow.js on WASM; EASE, kNN and biased MF in plain typed-array loops), embeds item texts through the gateway for cold start, writes a
 * new version and activates it. Progress goes to the Job row (plus a live stage/epoch/loss in memory);
 * a cancel (JobQueue.cancel, from any replica) stops the trainer at its next epoch or stage, and a
 * shutdown leaves the job to be trained again from the start when a worker starts.
 */
@Injectable()
export class TrainingJobRunner implements OnModuleInit {
  private readonly logger = new Logger('TrainingJobs');
  private readonly live = new Map<string, TrainingProgress>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly jobs: ProductJobs,
    private readonly gateway: GatewayClient,
    private readonly models: ActiveModelService,
    @Inject(RECOMMENDER_CONFIG) private readonly config: RecommenderConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      product: JOB_PRODUCT,
      kind: JOB_KIND,
      run: (context) => this.run(context),
      view: (job) => this.view(job),
      // The trainer on this replica stops at once (another replica's sees the cancel at its next progress write).
      onCancel: (jobId) => this.running.get(jobId)?.abort(),
    });
  }

  /** The job with the trainer's live stage when it runs here. */
  view(job: Job): TrainingJobView {
    return toTrainingJobView(job, this.live.get(job.id));
  }

  private run(context: JobContext): Promise<object> {
    return this.trainAs(context, JSON.parse(context.job.params) as TrainingRequest);
  }

  /**
   * Trains within a job of any kind (a training job, or the first-run demo job after its import), its progress on
   * [from, to] of that job's bar. Cancelling the job stops the trainer; a shutdown leaves it to run again.
   */
  async trainAs(context: JobContext, request: TrainingRequest, from = 0, to = 1): Promise<object> {
    const jobId = context.job.id;
    const abort = new AbortController();
    this.running.set(jobId, abort);
    const onStop = () => abort.abort();
    context.signal.addEventListener('abort', onStop);
    try {
      return await this.train(context, request, abort.signal, from, to);
    } catch (error) {
      if (error instanceof TrainingCancelledError) {
        context.throwIfStopping(); // shutdown: train again later
        throw new JobCancelled(jobId);
      }
      throw error;
    } finally {
      context.signal.removeEventListener('abort', onStop);
      this.running.delete(jobId);
      this.live.delete(jobId);
    }
  }

  private async train(context: JobContext, request: TrainingRequest, signal: AbortSignal, from: number, to: number): Promise<object> {
    const jobId = context.job.id;
    let lastWrite = 0;
    // The stored bar only moves forward, even when a stage's own fraction starts again (hold-out run, then final run).
    const bar = new MonotoneProgress(() => undefined);
    const report = (stage: string, fraction: number, detail?: string) => {
      const overall = bar.report(from + (to - from) * fraction);
      this.live.set(jobId, { stage, fraction: overall, detail });
      if (Date.now() - lastWrite < PROGRESS_WRITE_MS) return;
      lastWrite = Date.now();
      // Between epochs: store progress, and see whether another replica cancelled the job.
      void context.progress(Math.min(PROGRESS_UNITS - 1, Math.round(overall * PROGRESS_UNITS)), PROGRESS_UNITS).catch(() => undefined);
      void context
        .cancelled()
        .then((cancelled) => cancelled && this.running.get(jobId)?.abort())
        .catch(() => undefined);
    };
    await useWasmBackend();
    report('loading interactions', 0.01);
    const { events, itemIds, texts } = await loadTrainingEvents(this.db);
    if (events.length === 0) throw new Error('there are no interactions to train on: record events or import a dataset first');
    const options: Partial<RecommenderTrainingOptions> = {
      ranker: request.ranker,
      easeL2: request.easeL2,
      mf: { ...DEFAULT_TRAINING.mf, epochs: request.mfEpochs },
      bpr: { ...DEFAULT_TRAINING.bpr, epochs: request.bprEpochs },
    };
    // Stages share the bar: hold-out run 5–45 %, final run 45–85 % (or 5–85 % without hold-out).
    const span = (from: number, to: number, prefix: string) => ({
      signal,
      onProgress: (p: TrainingProgress) => report(`${prefix}${p.stage}`, from + (to - from) * p.fraction, p.detail),
    });
    let metrics: Record<string, number> = {};
    if (request.holdout > 0) {
      const split = holdoutSplit(events, request.holdout);
      const heldOut = await trainRecommender(split.train, itemIds, options, span(0.05, 0.45, 'hold-out: '));
      metrics = holdoutMetrics(heldOut, split.test);
    }
    const trained = await trainRecommender(events, itemIds, options, span(request.holdout > 0 ? 0.45 : 0.05, 0.85, ''));
    let content = null;
    if (this.config.embeddingModel) {
      report('embedding item texts', 0.86);
      try {
        content = await embedItemTexts(
          trained.itemIds.map((id) => texts.get(id) ?? id),
          (batch) => this.gateway.embed(batch, { model: this.config.embeddingModel!, priority: 'bulk' }),
          'item',
        );
      } catch (error) {
        this.logger.warn(`item content embeddings skipped (cold start by content is off for this version): ${(error as Error).message}`);
      }
    }
    if (signal.aborted) throw new TrainingCancelledError();
    report('writing the version', 0.95);
    const version = newVersion();
    const manifest = await writeArtifact(this.config.modelDir, { trained, version, metrics, params: request, content });
    await this.db.recommenderModelVersion.create({
      data: {
        version,
        jobId,
        ranker: manifest.ranker,
        counts: JSON.stringify(manifest.counts),
        metrics: JSON.stringify({ ...metrics, seconds: trained.seconds }),
        params: JSON.stringify(request),
      },
    });
    if (request.activate) await this.models.activate(version);
    this.logger.log(`trained version ${version} (${manifest.ranker}) on ${events.length} interactions`);
    return { version, ranker: manifest.ranker, counts: manifest.counts, metrics, seconds: trained.seconds, content: manifest.content };
  }
}

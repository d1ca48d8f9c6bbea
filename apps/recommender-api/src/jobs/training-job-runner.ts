import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import { GatewayClient } from '@matrix/gateway-client';
import { InjectDb } from '@matrix/product-server';
import { embedItemTexts } from '../../training/content-embeddings';
import { newVersion, writeArtifact } from '../../training/model-artifact';
import { useWasmBackend } from '../../training/tfjs-wasm';
import { DEFAULT_TRAINING, trainRecommender, type RecommenderTrainingOptions } from '../../training/train-recommender';
import { TrainingCancelledError, type TrainingProgress } from '../../training/training-progress';
import { RECOMMENDER_CONFIG, type RecommenderConfig } from '../config/recommender-config';
import { ActiveModelService } from '../model/active-model.service';
import { holdoutMetrics, holdoutSplit } from './holdout-metrics';
import { loadTrainingEvents } from './training-events';
import type { TrainingRequest } from './training-options';
import { JOB_KIND, JOB_PRODUCT } from './training-job-view';

const PROGRESS_WRITE_MS = 500;

/**
 * Runs training jobs one at a time in this process (TensorFlow.js on WASM): reads the stored
 * interactions, measures a hold-out split (when asked), trains on everything, embeds item texts
 * through the gateway for cold start, writes a new version and activates it. Progress goes to the
 * Job row (and a live stage/detail in memory); cancel aborts at the next epoch or stage.
 */
@Injectable()
export class TrainingJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TrainingJobs');
  private readonly queue: string[] = [];
  private readonly aborts = new Map<string, AbortController>();
  private readonly live = new Map<string, TrainingProgress>();
  private draining?: Promise<void>;

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly gateway: GatewayClient,
    private readonly models: ActiveModelService,
    @Inject(RECOMMENDER_CONFIG) private readonly config: RecommenderConfig,
  ) {}

  /** Jobs a previous process left running cannot resume mid-epoch: they are marked failed; queued ones run. */
  async onApplicationBootstrap(): Promise<void> {
    await this.db.job.updateMany({
      where: { product: JOB_PRODUCT, kind: JOB_KIND, status: 'running' },
      data: { status: 'failed', error: 'the API stopped while this job ran; start a new one', finishedAt: new Date() },
    });
    const queued = await this.db.job.findMany({ where: { product: JOB_PRODUCT, kind: JOB_KIND, status: 'queued' }, orderBy: { createdAt: 'asc' } });
    for (const job of queued) this.enqueue(job.id);
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const controller of this.aborts.values()) controller.abort();
    this.queue.length = 0;
    await this.draining;
  }

  liveProgress(jobId: string): TrainingProgress | undefined {
    return this.live.get(jobId);
  }

  enqueue(jobId: string): void {
    if (this.queue.includes(jobId)) return;
    this.queue.push(jobId);
    this.aborts.set(jobId, new AbortController());
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Cancels a queued or running job; false when it has already finished. */
  async cancel(jobId: string): Promise<boolean> {
    const updated = await this.db.job.updateMany({ where: { id: jobId, status: 'queued' }, data: { status: 'cancelled', finishedAt: new Date() } });
    const controller = this.aborts.get(jobId);
    controller?.abort();
    if (updated.count) return true;
    const job = await this.db.job.findUnique({ where: { id: jobId } });
    return job?.status === 'running' && controller !== undefined;
  }

  /** Resolves when no job is queued or running (tests). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let jobId = this.queue.shift(); jobId; jobId = this.queue.shift()) {
      const controller = this.aborts.get(jobId) ?? new AbortController();
      try {
        await this.run(jobId, controller.signal);
      } catch (error) {
        const cancelled = error instanceof TrainingCancelledError || controller.signal.aborted;
        if (!cancelled) this.logger.error({ err: error, jobId }, `training job ${jobId} failed`);
        await this.db.job
          .updateMany({ where: { id: jobId, status: { in: ['queued', 'running'] } }, data: { status: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : (error as Error).message, finishedAt: new Date() } })
          .catch(() => undefined);
      } finally {
        this.aborts.delete(jobId);
        this.live.delete(jobId);
      }
    }
  }

  private async run(jobId: string, signal: AbortSignal): Promise<void> {
    const job = await this.db.job.findUnique({ where: { id: jobId } });
    if (!job || job.status !== 'queued') return;
    const request = JSON.parse(job.params) as TrainingRequest;
    await this.db.job.update({ where: { id: jobId }, data: { status: 'running', startedAt: new Date(), progress: 0 } });
    let lastWrite = 0;
    const report = (stage: string, fraction: number, detail?: string) => {
      this.live.set(jobId, { stage, fraction, detail });
      if (Date.now() - lastWrite < PROGRESS_WRITE_MS && fraction < 1) return;
      lastWrite = Date.now();
      void this.db.job.updateMany({ where: { id: jobId, status: 'running' }, data: { progress: Math.min(0.99, fraction) } }).catch(() => undefined);
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
    const span = (from: number, to: number) => ({ signal, onProgress: (p: TrainingProgress) => report(`${from < 0.45 && request.holdout > 0 ? 'hold-out: ' : ''}${p.stage}`, from + (to - from) * p.fraction, p.detail) });
    let metrics: Record<string, number> = {};
    if (request.holdout > 0) {
      const split = holdoutSplit(events, request.holdout);
      const heldOut = await trainRecommender(split.train, itemIds, options, span(0.05, 0.45));
      metrics = holdoutMetrics(heldOut, split.test);
    }
    const trained = await trainRecommender(events, itemIds, options, span(request.holdout > 0 ? 0.45 : 0.05, 0.85));
    let content = null;
    if (this.config.embeddingModel) {
      report('embedding item texts', 0.86);
      try {
        content = await embedItemTexts(trained.itemIds.map((id) => texts.get(id) ?? id), (batch) => this.gateway.embed(batch, { model: this.config.embeddingModel!, priority: 'bulk' }), 'item');
      } catch (error) {
        this.logger.warn(`item content embeddings skipped (cold start by content is off for this version): ${(error as Error).message}`);
      }
    }
    if (signal.aborted) throw new TrainingCancelledError();
    report('writing the version', 0.95);
    const version = newVersion();
    const manifest = await writeArtifact(this.config.modelDir, { trained, version, metrics, params: request, content });
    await this.db.$transaction([
      this.db.recommenderModelVersion.create({
        data: { version, jobId, ranker: manifest.ranker, counts: JSON.stringify(manifest.counts), metrics: JSON.stringify({ ...metrics, seconds: trained.seconds }), params: JSON.stringify(request) },
      }),
      this.db.job.update({
        where: { id: jobId },
        data: { status: 'succeeded', progress: 1, finishedAt: new Date(), result: JSON.stringify({ version, ranker: manifest.ranker, counts: manifest.counts, metrics, seconds: trained.seconds, content: manifest.content }) },
      }),
    ]);
    if (request.activate) await this.models.activate(version);
    this.logger.log(`trained version ${version} (${manifest.ranker}) on ${events.length} interactions`);
  }
}

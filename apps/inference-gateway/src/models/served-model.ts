import type { ModelEntry, ModelHandle, ModelStatus } from '@matrix/model-loading';
import { BatcherObserver, DynamicBatcher, SubmitOptions } from '../batching/dynamic-batcher';
import { createEmbeddingModel, EmbeddingModel } from '../tasks/text-embedding.task';
import { createImageClassifier, ImageClassifier } from '../tasks/image-classification.task';
import { createItemRanker, ItemRanker } from '../tasks/item-ranking.task';
import { createObjectDetector, ObjectDetector } from '../tasks/object-detection.task';
import { createTextClassifier, TextClassifier } from '../tasks/text-classification.task';
import { createZeroShotImageClassifier, ZeroShotImageClassifier } from '../tasks/zero-shot-image.task';
import { AdapterContext, TaskAdapter } from '../tasks/task-adapter';
import { modelHasBatchAxis, RawRequest, RawResult, runRawBatch } from './raw-tensor-batch';

/** The task-specific half of a served model, chosen by the manifest's `task`. */
export interface TaskModelMap {
  'text-embedding': EmbeddingModel;
  'image-classification': ImageClassifier;
  'object-detection': ObjectDetector;
  'text-classification': TextClassifier;
  'zero-shot-image-classification': ZeroShotImageClassifier;
  'tabular-scoring': undefined;
  'item-ranking': ItemRanker;
}
export type TaskModel = { [K in keyof TaskModelMap]: { task: K; model: TaskModelMap[K] } }[keyof TaskModelMap];

async function createTaskModel(ctx: AdapterContext): Promise<TaskModel> {
  switch (ctx.entry.task) {
    case 'text-embedding':
      return { task: 'text-embedding', model: await createEmbeddingModel(ctx) };
    case 'image-classification':
      return { task: 'image-classification', model: createImageClassifier(ctx) };
    case 'object-detection':
      return { task: 'object-detection', model: createObjectDetector(ctx) };
    case 'text-classification':
      return { task: 'text-classification', model: await createTextClassifier(ctx) };
    case 'zero-shot-image-classification':
      return { task: 'zero-shot-image-classification', model: createZeroShotImageClassifier(ctx) };
    case 'tabular-scoring':
      // Factor matrices and MLP heads are served through the raw tensor protocol only.
      return { task: 'tabular-scoring', model: undefined };
    case 'item-ranking':
      return { task: 'item-ranking', model: createItemRanker(ctx) };
  }
}

export interface ServingOptions {
  /** false: every batch holds one request (benchmark baseline). */
  batching: boolean;
  observer: BatcherObserver;
}

/**
 * A READY model as the gateway serves it: the runtime handle, its task adapter, a dynamic batcher
 * for task requests and one for raw protocol requests, and the reference count that keeps it
 * resident while requests use it.
 */
export class ServedModel {
  private users = 0;
  lastUsedAt = Date.now();
  private closing = false;

  private constructor(
    readonly entry: ModelEntry,
    readonly handle: ModelHandle,
    readonly status: ModelStatus,
    readonly taskModel: TaskModel,
    private readonly samples: DynamicBatcher<unknown, unknown> | undefined,
    private readonly raw: DynamicBatcher<RawRequest, RawResult> | undefined,
  ) {}

  static async create(ctx: AdapterContext, options: ServingOptions): Promise<ServedModel> {
    const taskModel = await createTaskModel(ctx);
    const { maxBatchSize, maxQueueDelayMs, maxQueueWaitMs, maxQueueSize } = ctx.entry.batching;
    const settings = {
      name: ctx.entry.id,
      maxBatchSize: options.batching ? maxBatchSize : 1,
      maxQueueDelayMs: options.batching ? maxQueueDelayMs : 0,
      maxQueueWaitMs,
      maxQueueSize,
      // One batch per model instance at a time (instances > 1 run in parallel worker threads).
      maxConcurrentBatches: ctx.entry.instances,
    };
    const adapter = taskModel.model ? (taskModel.model.adapter as TaskAdapter<unknown, unknown>) : undefined;
    const samples = adapter ? new DynamicBatcher(settings, (batch: unknown[]) => adapter.run(batch), options.observer) : undefined;
    const handle = ctx.handle;
    const raw =
      handle.kind === 'tensor'
        ? new DynamicBatcher<RawRequest, RawResult>(
            settings,
            (batch) =>
              runRawBatch(batch, modelHasBatchAxis(handle.inputs) && ctx.entry.task !== 'text-embedding', (inputs, outputs) => handle.infer(inputs, outputs)),
            options.observer,
          )
        : undefined;
    return new ServedModel(ctx.entry, handle, ctx.status, taskModel, samples, raw);
  }

  get inUse(): number {
    return this.users;
  }

  get queueDepth(): number {
    return (this.samples?.queueDepth ?? 0) + (this.raw?.queueDepth ?? 0);
  }

  get idle(): boolean {
    return this.users === 0 && this.queueDepth === 0 && (this.samples?.inFlightBatches ?? 0) === 0 && (this.raw?.inFlightBatches ?? 0) === 0;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  acquire(): void {
    this.users++;
    this.lastUsedAt = Date.now();
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    this.lastUsedAt = Date.now();
  }

  /** One task sample (a text, an image) through the model's dynamic batcher. */
  submit<R>(sample: unknown, options: SubmitOptions): Promise<R> {
    if (!this.samples) throw new Error(`model '${this.entry.id}' serves raw tensors only`);
    return this.samples.submit(sample, options) as Promise<R>;
  }

  /** Several samples of one request (texts of one call), admitted or refused together; `buckets[i]` is sample i's length bucket. */
  submitAll<R>(samples: unknown[], options: SubmitOptions, buckets?: number[]): Promise<R[]> {
    if (!this.samples) throw new Error(`model '${this.entry.id}' serves raw tensors only`);
    return this.samples.submitAll(samples, options, buckets) as Promise<R[]>;
  }

  /** Throws AdmissionRefusedError (429) when `items` samples would be refused now: call it before costly preparation. */
  refuseIfOverloaded(items: number, options: SubmitOptions): void {
    this.samples?.refuseIfOverloaded(items, options);
  }

  /** One Open Inference Protocol request through the raw batcher (stacked on axis 0 where possible). */
  submitRaw(request: RawRequest, options: SubmitOptions): Promise<RawResult> {
    if (this.raw) return this.raw.submit(request, options);
    throw new Error(`model '${this.entry.id}' is a transformers.js pipeline: use its task route, not raw tensors`);
  }

  /** Stops taking requests and waits for queued and running batches to finish. */
  async drain(reason: string): Promise<void> {
    this.closing = true;
    await Promise.all([this.samples?.drain(reason), this.raw?.drain(reason)]);
  }
}

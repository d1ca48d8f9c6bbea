import { Inject, Injectable } from '@nestjs/common';
import type { ModelEntry, ModelTask } from '@matrix/model-loading';
import type { GatewayConfig } from '../config/gateway-config';
import { GATEWAY_CONFIG } from '../config/gateway-config.provider';
import { InvalidInputError, NoModelForTaskError, TaskNotSupportedError } from '../errors/gateway-errors';
import { ModelService } from '../models/model.service';
import { ServedModel, TaskModelMap } from '../models/served-model';
import { decodeTensor, OipInferRequest, OipInferResponse } from '../protocol/oip-tensor';
import { toOipOutput, toRuntimeTensor } from '../protocol/oip-convert';
import { DEFAULT_IMAGE_LIMITS } from '../tasks/image-decode';
import type { RankedItem } from '../tasks/item-ranking.task';
import type { Detection } from '../tasks/object-detection.task';
import { topK } from '../tasks/scores';
import type {
  ClassifyResponse,
  DetectResponse,
  EmbedResponse,
  ImageClassifyResponse,
  MultiHeadClassifyResponse,
  RankItemsResponse,
  ZeroShotResponse,
} from '@matrix/gateway-client';
import type { RequestOptions } from './request-options';

const TASK_ROUTE_HINT: Record<ModelTask, string> = {
  'text-embedding': 'an embedding model (e.g. use-lite-en, or Xenova/all-MiniLM-L6-v2 where a hub is reachable)',
  'text-classification': 'a text classifier (a product-trained head, or Xenova/distilbert-base-uncased-finetuned-sst-2-english)',
  'image-classification': 'an image classifier (e.g. mobilenetv2-int8)',
  'object-detection': 'an object detector (e.g. centernet-coco)',
  'zero-shot-image-classification': 'a CLIP model (e.g. Xenova/clip-vit-base-patch32 from hub.yaml)',
  'tabular-scoring': 'a scoring model',
  'item-ranking': 'an item-ranking model (registered by a product, e.g. the recommender)',
};

/** The task routes' logic: picks the model, prepares samples, batches them and shapes the answer. */
@Injectable()
export class InferenceService {
  constructor(
    private readonly models: ModelService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private pick(task: ModelTask, model: string | undefined): { id: string; version?: string } {
    if (model) return { id: model };
    const ready: ModelEntry[] = this.models.readyModels(task);
    const candidates = ready.length ? ready : this.models.entries().filter((m) => m.task === task && m.autoload);
    if (!candidates.length) throw new NoModelForTaskError(`no ${task} model is loaded: add ${TASK_ROUTE_HINT[task]} to the model manifest`);
    return { id: candidates[0].id, version: candidates[0].version };
  }

  private expect<T extends keyof TaskModelMap>(served: ServedModel, task: T): TaskModelMap[T] {
    if (served.taskModel.task !== task) {
      throw new TaskNotSupportedError(`model '${served.entry.id}' is a ${served.taskModel.task} model, not ${task}`);
    }
    const model: unknown = served.taskModel.model;
    return model as TaskModelMap[T];
  }

  async embed(texts: string[], model: string | undefined, version: string | undefined, opts: RequestOptions): Promise<EmbedResponse> {
    const { model: id, version: servedVersion, vectors, tokens } = await this.embedVectors(texts, model, version, opts);
    return { model: id, version: servedVersion, dimensions: vectors[0]?.length ?? 0, embeddings: vectors.map((v) => Array.from(v)), tokens };
  }

  /** The embeddings as the model gives them (Float32Array): classify hands them to its heads without a round trip through number[]. */
  private async embedVectors(
    texts: string[],
    model: string | undefined,
    version: string | undefined,
    opts: RequestOptions,
  ): Promise<{ model: string; version: string; vectors: Float32Array[]; tokens: number[] }> {
    const target = model ? { id: model, version } : this.pick('text-embedding', undefined);
    opts.authorize(target.id);
    return this.models.use(target.id, target.version, async (served) => {
      const embedder = this.expect(served, 'text-embedding');
      served.refuseIfOverloaded(texts.length, opts); // before tokenizing: a refusal under overload should cost nothing
      const prepared = texts.map((text) => embedder.prepare(text));
      const vectors = await served.submitAll<Float32Array>(
        prepared.map((p) => p.sample),
        opts,
        prepared.map((p) => p.bucket),
      );
      return { model: served.entry.id, version: served.entry.version, vectors, tokens: prepared.map((p) => p.tokens) };
    });
  }

  async classifyTexts(texts: string[], model: string | undefined, version: string | undefined, opts: RequestOptions): Promise<ClassifyResponse> {
    const target = model ? { id: model, version } : this.pick('text-classification', undefined);
    return this.classifyWithHead(texts, target, opts, this.sharedEmbeddings(texts, opts));
  }

  /**
   * `models` on the same texts in one call (`heads[i]` answers `models[i]`). Heads reading the same embedding model
   * share one embedding per text: two heads on USE-lite cost one USE-lite pass, not two.
   */
  async classifyTextsWithHeads(texts: string[], models: string[], opts: RequestOptions): Promise<MultiHeadClassifyResponse> {
    // Every model is authorised before any work: a key that may not call one of them costs nothing.
    for (const id of models) opts.authorize(id);
    const embeddings = this.sharedEmbeddings(texts, opts);
    return { heads: await Promise.all(models.map((id) => this.classifyWithHead(texts, { id }, opts, embeddings))) };
  }

  /** The texts' embeddings per embedding model, computed at most once per call whichever heads ask. */
  private sharedEmbeddings(texts: string[], opts: RequestOptions): (embeddingModel: string) => Promise<Float32Array[]> {
    const byModel = new Map<string, Promise<Float32Array[]>>();
    return (embeddingModel) => {
      let vectors = byModel.get(embeddingModel);
      if (!vectors) {
        vectors = this.embedVectors(texts, embeddingModel, undefined, opts).then((r) => r.vectors);
        byModel.set(embeddingModel, vectors);
      }
      return vectors;
    };
  }

  private async classifyWithHead(
    texts: string[],
    target: { id: string; version?: string },
    opts: RequestOptions,
    embeddingsOf: (embeddingModel: string) => Promise<Float32Array[]>,
  ): Promise<ClassifyResponse> {
    opts.authorize(target.id);
    return this.models.use(target.id, target.version, async (served) => {
      const classifier = this.expect(served, 'text-classification');
      served.refuseIfOverloaded(texts.length, opts); // before embedding the texts for a head that could not take them
      const embeddings = classifier.embeddingModel ? await embeddingsOf(classifier.embeddingModel) : undefined;
      const probabilities = await served.submitAll<Float32Array>(
        texts.map((text, i) => ({ text, embedding: embeddings?.[i] })),
        opts,
      );
      const labels = classifier.labels ?? Array.from(probabilities[0] ?? [], (_, i) => String(i));
      return {
        model: served.entry.id,
        version: served.entry.version,
        results: probabilities.map((p) => {
          const [best] = topK(p, 1, labels);
          return { label: best.label, score: best.score, scores: Object.fromEntries(labels.map((l, i) => [l, p[i]])) };
        }),
      };
    });
  }

  async classifyImages(
    images: Buffer[],
    k: number,
    model: string | undefined,
    version: string | undefined,
    opts: RequestOptions,
  ): Promise<ImageClassifyResponse> {
    const target = model ? { id: model, version } : this.pick('image-classification', undefined);
    opts.authorize(target.id);
    return this.models.use(target.id, target.version, async (served) => {
      const classifier = this.expect(served, 'image-classification');
      served.refuseIfOverloaded(images.length, opts); // before decoding
      const results = await Promise.all(
        images.map(async (bytes) => {
          const sample = await classifier.prepare(bytes, DEFAULT_IMAGE_LIMITS);
          const probabilities = await served.submit<Float32Array>(sample, opts);
          return { top: topK(probabilities, k, classifier.labels) };
        }),
      );
      return { model: served.entry.id, version: served.entry.version, results };
    });
  }

  async detect(images: Buffer[], minScore: number, model: string | undefined, version: string | undefined, opts: RequestOptions): Promise<DetectResponse> {
    const target = model ? { id: model, version } : this.pick('object-detection', undefined);
    opts.authorize(target.id);
    return this.models.use(target.id, target.version, async (served) => {
      const detector = this.expect(served, 'object-detection');
      served.refuseIfOverloaded(images.length, opts);
      const results = await Promise.all(
        images.map(async (bytes) => {
          const sample = await detector.prepare(bytes, DEFAULT_IMAGE_LIMITS);
          const detections = await served.submit<Detection[]>(sample, opts);
          return { width: sample.originalWidth, height: sample.originalHeight, detections: detections.filter((d) => d.score >= minScore) };
        }),
      );
      return { model: served.entry.id, version: served.entry.version, results };
    });
  }

  async zeroShot(
    images: Buffer[],
    labels: string[],
    template: string | undefined,
    model: string | undefined,
    version: string | undefined,
    opts: RequestOptions,
  ): Promise<ZeroShotResponse> {
    const target = model ? { id: model, version } : this.pick('zero-shot-image-classification', undefined);
    opts.authorize(target.id);
    return this.models.use(target.id, target.version, async (served) => {
      this.expect(served, 'zero-shot-image-classification');
      served.refuseIfOverloaded(images.length, opts);
      const results = await Promise.all(
        images.map(async (bytes) => {
          const scores = await served.submit<Float32Array>({ bytes, labels, hypothesisTemplate: template }, opts);
          return { scores: topK(scores, labels.length, labels) };
        }),
      );
      return { model: served.entry.id, version: served.entry.version, results };
    });
  }

  /** Top-k item indices per query vector, excluding the given indices (item-ranking models). */
  async rankItems(
    queries: Array<{ vector: number[]; exclude: number[] }>,
    k: number,
    model: string,
    version: string | undefined,
    opts: RequestOptions,
  ): Promise<RankItemsResponse> {
    opts.authorize(model);
    return this.models.use(model, version, async (served) => {
      const ranker = this.expect(served, 'item-ranking');
      queries.forEach((q, i) => {
        if (q.vector.length !== ranker.dimensions) {
          throw new InvalidInputError(`queries[${i}].vector has ${q.vector.length} values; model '${model}' takes ${ranker.dimensions}`);
        }
        const outside = q.exclude.find((index) => index >= ranker.items);
        if (outside !== undefined) throw new InvalidInputError(`queries[${i}].exclude has item ${outside}; model '${model}' has items 0..${ranker.items - 1}`);
      });
      const ranked = await served.submitAll<RankedItem[]>(
        queries.map((q) => ({ vector: Float32Array.from(q.vector), exclude: new Set(q.exclude), k })),
        opts,
      );
      return { model: served.entry.id, version: served.entry.version, items: ranker.items, results: ranked.map((items) => ({ items })) };
    });
  }

  /** `POST /v2/models/{m}/infer`: named tensors in and out, batched on axis 0 where the model allows. */
  async inferRaw(model: string, version: string | undefined, request: OipInferRequest, opts: RequestOptions): Promise<OipInferResponse> {
    opts.authorize(model);
    return this.models.use(model, version, async (served) => {
      const handle = served.handle;
      if (handle.kind !== 'tensor') {
        throw new TaskNotSupportedError(`model '${model}' is a transformers.js pipeline; call its task route (e.g. /v1/embed) instead of raw tensors`);
      }
      const inputs = Object.fromEntries(
        request.inputs.map((tensor) => {
          const decoded = decodeTensor(tensor);
          return [
            decoded.name,
            toRuntimeTensor(
              decoded,
              handle.inputs.find((i) => i.name === decoded.name),
              handle.inputs,
            ),
          ];
        }),
      );
      const missing = handle.inputs.filter((i) => !(i.name in inputs)).map((i) => i.name);
      if (missing.length) throw new InvalidInputError(`missing input tensor(s) ${missing.join(', ')}`);
      const wanted = request.outputs?.map((o) => o.name);
      const unknown = wanted?.filter((name) => !handle.outputs.some((o) => o.name === name)) ?? [];
      if (unknown.length) throw new InvalidInputError(`unknown output(s) ${unknown.join(', ')}; the model has ${handle.outputs.map((o) => o.name).join(', ')}`);
      const outputs = await served.submitRaw({ inputs, outputs: wanted }, opts);
      return {
        model_name: served.entry.id,
        model_version: served.entry.version,
        id: request.id,
        outputs: Object.entries(outputs).map(([name, value]) => toOipOutput(name, value)),
      };
    });
  }

  get defaultTimeoutMs(): number {
    return this.config.requestTimeoutMs;
  }
}

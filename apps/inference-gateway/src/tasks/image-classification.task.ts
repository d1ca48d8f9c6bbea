import { imagePreprocessingOf, ImagePreprocessing, PipelineModelHandle, TensorModelHandle } from '@matrix/model-loading';
import { ImageLimits } from './image-decode';
import { handedOverFloat32 } from '../models/worker-pool/hand-over';
import { SparePool } from '../models/worker-pool/spare-pool';
import { decodeImage, writeNormalised } from './image-preprocess';
import { isDistribution, labelScoresToRows, softmax } from './scores';
import { AdapterContext, rowsOf, TaskAdapter, toFloat32 } from './task-adapter';

/** A decoded image ready for the classifier (tensor models: 8-bit RGB, normalised into the batch), or its bytes (pipelines). */
export interface ImageSample {
  rgb?: Uint8Array;
  width?: number;
  height?: number;
  bytes?: Buffer;
}

export interface ImageClassifier {
  /** Decodes and preprocesses off the batch path, so decoding overlaps with inference. */
  prepare(bytes: Buffer, limits: ImageLimits): Promise<ImageSample>;
  /** Probabilities over the model's classes, one row per image. */
  adapter: TaskAdapter<ImageSample, Float32Array>;
  labels: string[] | undefined;
}

/**
 * Buffers for decoded pixels, reused. A decoded image waits in the batcher's queue for up to a batch's run, long enough
 * to outlive a scavenge, so sharp's output buffers were promoted and only freed by a mark-compact, which V8 then started
 * about once a second for the external memory alone (`--trace-incremental-marking`: "external memory pressure").
 * prepare() copies the pixels into one of these at once (sharp's buffer dies young) and run() gives it back once it has
 * normalised it: 7 mark-compacts against 12–13 in 13 s of 32-client load, 0.5–0.6 s of background marking against ~1.
 * Up to 48 kept (a 224×224 RGB image takes a 256 KiB buffer): about two batches' worth in flight at 32 clients.
 */
const decodedPixels = new SparePool<ArrayBuffer>((bytes) => new ArrayBuffer(bytes), 48);

/**
 * Stacks [3,h,w] (or [h,w,3]) images into one [n,…] input: one runtime call per batch. run() takes the samples' pixel
 * buffers back for later prepare() calls: a sample runs once.
 */
function tensorClassifier(ctx: AdapterContext, handle: TensorModelHandle, recipe: ImagePreprocessing): ImageClassifier {
  const input = handle.inputs[0];
  const output = handle.outputs[0]?.name;
  return {
    labels: ctx.labels,
    async prepare(bytes, limits) {
      const decoded = await decodeImage(bytes, recipe, limits);
      const rgb = new Uint8Array(decodedPixels.take(decoded.rgb.length), 0, decoded.rgb.length);
      rgb.set(decoded.rgb);
      return { rgb, width: decoded.width, height: decoded.height };
    },
    adapter: {
      async run(samples) {
        const { width = 0, height = 0 } = samples[0];
        const per = width * height * 3;
        // Normalised straight into the batch input (no float copy per image), which moves to the model's thread and back.
        const data = handedOverFloat32(per * samples.length);
        samples.forEach((s, i) => {
          if (s.width !== width || s.height !== height || !s.rgb)
            throw new Error(`images of ${s.width}×${s.height} and ${width}×${height} cannot share a batch`);
          writeNormalised({ rgb: s.rgb, width, height }, recipe, data, i * per);
        });
        for (const s of samples) if (s.rgb) decodedPixels.give(s.rgb.buffer as ArrayBuffer);
        const shape = recipe.layout === 'NCHW' ? [samples.length, 3, height, width] : [samples.length, height, width, 3];
        const result = await handle.infer({ [input.name]: { dtype: 'float32', shape, data } }, output ? [output] : undefined);
        const tensor = output ? result[output] : Object.values(result)[0];
        return rowsOf(toFloat32(tensor.data), samples.length).map((row) => (isDistribution(row) ? Float32Array.from(row) : softmax(row)));
      },
    },
  };
}

/** transformers.js image-classification pipeline: it decodes and preprocesses itself. */
function pipelineClassifier(ctx: AdapterContext, handle: PipelineModelHandle): ImageClassifier {
  return {
    labels: ctx.labels,
    async prepare(bytes) {
      return { bytes };
    },
    adapter: {
      async run(samples) {
        const { RawImage } = await import('@huggingface/transformers');
        const images = await Promise.all(samples.map((s) => RawImage.fromBlob(new Blob([new Uint8Array(s.bytes as Buffer)]))));
        const results = (await handle.run(images, { top_k: null })) as Array<Array<{ label: string; score: number }>> | Array<{ label: string; score: number }>;
        const rows = (Array.isArray(results[0]) ? results : [results]) as Array<Array<{ label: string; score: number }>>;
        return labelScoresToRows(rows, ctx.labels).rows;
      },
    },
  };
}

export function createImageClassifier(ctx: AdapterContext): ImageClassifier {
  if (ctx.handle.kind === 'pipeline') return pipelineClassifier(ctx, ctx.handle);
  return tensorClassifier(ctx, ctx.handle, imagePreprocessingOf(ctx.entry) ?? failNoRecipe(ctx.entry.id));
}

function failNoRecipe(id: string): never {
  throw new Error(`model '${id}' has no image preprocessing in the manifest`);
}

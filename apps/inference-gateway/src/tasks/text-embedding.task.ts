import { join } from 'node:path';
import type { PipelineModelHandle, TensorModelHandle } from '@matrix/model-loading';
import { loadUseTokenizer, pickBucketBoundary, toUseSparseInputs, UseTokenizer } from '@matrix/tokenization';
import { AdapterContext, rowsOf, TaskAdapter, toFloat32 } from './task-adapter';

/** A text ready for the embedding model: its token ids (USE) or the text itself (pipelines). */
export interface EmbeddingSample {
  text: string;
  ids?: number[];
}

export interface EmbeddingModel {
  adapter: TaskAdapter<EmbeddingSample, Float32Array>;
  /** Tokenizes where the model needs it; returns the length bucket for the batcher. */
  prepare(text: string): { sample: EmbeddingSample; bucket: number; tokens: number };
  dimensions: number | undefined;
}

// Fine buckets for short texts: attention cost grows with the square of the padded length.
const BUCKETS = [8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 128, 192, 256, 384, 512, 1024];

function bucketOf(tokens: number): number {
  return pickBucketBoundary(tokens, BUCKETS) ?? BUCKETS[BUCKETS.length - 1] * 2;
}

/** Universal Sentence Encoder lite: SentencePiece ids → sparse `indices`/`values` → [n, 512]. */
async function useEmbeddingModel(ctx: AdapterContext, handle: TensorModelHandle): Promise<EmbeddingModel> {
  const vocab = String((ctx.entry.preprocessing as { vocab?: string } | undefined)?.vocab ?? 'vocab.json');
  if (!ctx.status.from) throw new Error(`model '${ctx.entry.id}' has no local folder to read ${vocab} from`);
  const tokenizer: UseTokenizer = await loadUseTokenizer(join(ctx.status.from, vocab));
  const output = handle.outputs[0]?.name;
  return {
    dimensions: 512,
    prepare(text) {
      const ids = tokenizer.encodeIds(text);
      return { sample: { text, ids }, bucket: bucketOf(ids.length), tokens: ids.length };
    },
    adapter: {
      async run(samples) {
        const sparse = toUseSparseInputs(samples.map((s) => s.ids ?? []));
        const result = await handle.infer(
          {
            indices: { dtype: 'int32', shape: [sparse.values.length, 2], data: sparse.indices },
            values: { dtype: 'int32', shape: [sparse.values.length], data: sparse.values },
          },
          output ? [output] : undefined,
        );
        const tensor = output ? result[output] : Object.values(result)[0];
        return rowsOf(toFloat32(tensor.data), samples.length).map((row) => Float32Array.from(row));
      },
    },
  };
}

/** transformers.js feature-extraction (e.g. all-MiniLM-L6-v2): mean pooling, L2-normalised. */
function pipelineEmbeddingModel(handle: PipelineModelHandle): EmbeddingModel {
  return {
    dimensions: undefined,
    prepare(text) {
      // The pipeline tokenizes itself; characters/4 approximates tokens well enough to bucket.
      const tokens = Math.ceil(text.length / 4);
      return { sample: { text }, bucket: bucketOf(tokens), tokens };
    },
    adapter: {
      async run(samples) {
        const output = (await handle.run(
          samples.map((s) => s.text),
          { pooling: 'mean', normalize: true },
        )) as {
          data: ArrayLike<number>;
          dims: number[];
        };
        return rowsOf(toFloat32(output.data), samples.length).map((row) => Float32Array.from(row));
      },
    },
  };
}

export async function createEmbeddingModel(ctx: AdapterContext): Promise<EmbeddingModel> {
  if (ctx.handle.kind === 'pipeline') return pipelineEmbeddingModel(ctx.handle);
  const names = ctx.handle.inputs.map((input) => input.name).sort();
  if (names.join(',') === 'indices,values') return useEmbeddingModel(ctx, ctx.handle);
  throw new Error(`model '${ctx.entry.id}': no text-embedding adapter for a tensor model with inputs ${names.join(', ')}`);
}

import type { TensorInfo, TensorValue } from '@matrix/model-loading';
import { loadUseTokenizer, type UseTokenizer } from '@matrix/tokenization';

/**
 * What a classifier head reads, from its manifest `preprocessing`:
 * - `embeddingModel`: the sentence embedding of another served model (e.g. use-lite-en), and/or
 * - `tokenizer: use-sentencepiece` (+ `maxTokens`, default 64): the text's USE SentencePiece ids.
 * A head with token inputs can learn word order and words the sentence embedding blurs; with both it
 * sees the two views at once.
 */
export interface HeadPreprocessing {
  embeddingModel?: string;
  tokens?: { tokenizer: 'use-sentencepiece'; maxTokens: number };
}

/** Input names a head's layers model uses (Input layer names); any other input takes the embedding. */
export const TOKEN_IDS_INPUT = 'input_ids';
export const TOKEN_WEIGHTS_INPUT = 'token_weights';

const TOKENIZERS = ['use-sentencepiece'];

export function parseHeadPreprocessing(modelId: string, preprocessing: Record<string, unknown> | undefined): HeadPreprocessing {
  const { embeddingModel, tokenizer, maxTokens = 64 } = preprocessing ?? {};
  if (embeddingModel !== undefined && typeof embeddingModel !== 'string') throw new Error(`model '${modelId}': preprocessing.embeddingModel must be a model id`);
  if (tokenizer !== undefined && !TOKENIZERS.includes(String(tokenizer))) {
    throw new Error(`model '${modelId}': preprocessing.tokenizer must be one of ${TOKENIZERS.join(', ')}, got ${JSON.stringify(tokenizer)}`);
  }
  if (!Number.isInteger(maxTokens) || (maxTokens as number) < 1 || (maxTokens as number) > 1024) {
    throw new Error(`model '${modelId}': preprocessing.maxTokens must be an integer from 1 to 1024`);
  }
  if (embeddingModel === undefined && tokenizer === undefined) {
    throw new Error(`model '${modelId}': a tensor text classifier needs preprocessing.embeddingModel (the model whose embeddings it reads), preprocessing.tokenizer (its ids) or preprocessing.features (hashed-ngrams)`);
  }
  return {
    embeddingModel: embeddingModel as string | undefined,
    tokens: tokenizer ? { tokenizer: 'use-sentencepiece', maxTokens: maxTokens as number } : undefined,
  };
}

/** A text plus what the head needs of it. */
export interface HeadSample {
  text: string;
  embedding?: Float32Array;
}

/**
 * Builds a head's input tensors for a batch: `input_ids` [n, L] int32 (right-padded with 0; L is the
 * model's fixed length, else the batch's longest text, at most maxTokens), `token_weights` [n, L, 1]
 * (1/len on each real token, 0 on padding: a mean over tokens as one dot product, so padding never
 * counts), and the embedding [n, d] for every other input.
 */
export class HeadInputBuilder {
  private constructor(
    private readonly inputs: readonly TensorInfo[],
    private readonly prep: HeadPreprocessing,
    private readonly tokenizer: UseTokenizer | undefined,
  ) {}

  static async create(modelId: string, inputs: readonly TensorInfo[], prep: HeadPreprocessing): Promise<HeadInputBuilder> {
    const reads = (name: string) => inputs.some((input) => input.name.startsWith(name));
    if (prep.tokens && !reads(TOKEN_IDS_INPUT)) throw new Error(`model '${modelId}' names a tokenizer but has no '${TOKEN_IDS_INPUT}' input`);
    if (!prep.tokens && reads(TOKEN_IDS_INPUT)) throw new Error(`model '${modelId}' has an '${TOKEN_IDS_INPUT}' input but its preprocessing names no tokenizer`);
    const tokenizer = prep.tokens ? await loadUseTokenizer() : undefined;
    return new HeadInputBuilder(inputs, prep, tokenizer);
  }

  build(samples: readonly HeadSample[]): Record<string, TensorValue> {
    const ids = this.tokenizer ? samples.map((s) => this.tokenizer!.encodeIds(s.text).slice(0, this.prep.tokens!.maxTokens)) : [];
    const result: Record<string, TensorValue> = {};
    for (const input of this.inputs) {
      const fixed = input.shape?.[1];
      const length = typeof fixed === 'number' && fixed > 0 ? fixed : Math.max(1, ...ids.map((row) => row.length));
      if (input.name.startsWith(TOKEN_IDS_INPUT)) result[input.name] = tokenIds(ids, length);
      else if (input.name.startsWith(TOKEN_WEIGHTS_INPUT)) result[input.name] = meanWeights(ids, length);
      else result[input.name] = embeddings(samples);
    }
    return result;
  }
}

function tokenIds(rows: readonly number[][], length: number): TensorValue {
  const data = new Int32Array(rows.length * length);
  rows.forEach((row, i) => data.set(row.slice(0, length), i * length));
  return { dtype: 'int32', shape: [rows.length, length], data };
}

function meanWeights(rows: readonly number[][], length: number): TensorValue {
  const data = new Float32Array(rows.length * length);
  rows.forEach((row, i) => {
    const n = Math.min(row.length, length);
    for (let j = 0; j < n; j++) data[i * length + j] = 1 / n;
  });
  return { dtype: 'float32', shape: [rows.length, length, 1], data };
}

function embeddings(samples: readonly HeadSample[]): TensorValue {
  const width = samples[0]?.embedding?.length ?? 0;
  const data = new Float32Array(width * samples.length);
  samples.forEach((s, i) => {
    if (!s.embedding || s.embedding.length !== width) throw new Error('every sample needs an embedding of the same width');
    data.set(s.embedding, i * width);
  });
  return { dtype: 'float32', shape: [samples.length, width], data };
}

import type { TensorInfo, TensorValue } from '@matrix/model-loading';
import { hashedNgramSparse, loadUseTokenizer, parseHashedNgramSpec, type HashedNgramSpec, type UseTokenizer } from '@matrix/tokenization';

/**
 * What a classifier head reads, from its manifest `preprocessing`:
 * - `embeddingModel`: the sentence embedding of another served model (e.g. use-lite-en), and/or
 * - `tokenizer: use-sentencepiece` (+ `maxTokens`, default 64): the text's USE SentencePiece ids, and/or
 * - `features` (hashed-ngrams) beside them: the text's hashed n-grams as sparse ids and values.
 * A head with token inputs can learn word order and words the sentence embedding blurs; with both it
 * sees the two views at once.
 */
export interface HeadPreprocessing {
  embeddingModel?: string;
  tokens?: { tokenizer: 'use-sentencepiece'; maxTokens: number };
  features?: HashedNgramSpec;
}

/** Input names a head's layers model uses (Input layer names); any other input takes the embedding. */
export const TOKEN_IDS_INPUT = 'input_ids';
export const TOKEN_WEIGHTS_INPUT = 'token_weights';
export const FEATURE_IDS_INPUT = 'feature_ids';
export const FEATURE_VALUES_INPUT = 'feature_values';

const TOKENIZERS = ['use-sentencepiece'];

export function parseHeadPreprocessing(modelId: string, preprocessing: Record<string, unknown> | undefined): HeadPreprocessing {
  const { embeddingModel, tokenizer, maxTokens = 64, features } = preprocessing ?? {};
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
    features: features === undefined ? undefined : withModelId(modelId, () => parseHashedNgramSpec(features)),
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
    if (prep.features && !reads(FEATURE_IDS_INPUT)) throw new Error(`model '${modelId}' names preprocessing.features beside other inputs but has no '${FEATURE_IDS_INPUT}' input`);
    if (!prep.features && reads(FEATURE_IDS_INPUT)) throw new Error(`model '${modelId}' has a '${FEATURE_IDS_INPUT}' input but its preprocessing names no features`);
    const tokenizer = prep.tokens ? await loadUseTokenizer() : undefined;
    return new HeadInputBuilder(inputs, prep, tokenizer);
  }

  build(samples: readonly HeadSample[]): Record<string, TensorValue> {
    const { tokenizer } = this;
    const { tokens, features: spec } = this.prep;
    const ids = tokenizer && tokens ? samples.map((s) => tokenizer.encodeIds(s.text).slice(0, tokens.maxTokens)) : [];
    const features = spec ? samples.map((s) => hashedNgramSparse(s.text, spec)) : [];
    const result: Record<string, TensorValue> = {};
    for (const input of this.inputs) {
      const fixed = input.shape?.[1];
      const longest = (rows: ArrayLike<number>[]) => (typeof fixed === 'number' && fixed > 0 ? fixed : Math.max(1, ...rows.map((row) => row.length)));
      if (input.name.startsWith(TOKEN_IDS_INPUT)) result[input.name] = tokenIds(ids, longest(ids));
      else if (input.name.startsWith(TOKEN_WEIGHTS_INPUT)) result[input.name] = meanWeights(ids, longest(ids));
      else if (input.name.startsWith(FEATURE_IDS_INPUT)) result[input.name] = featureIds(features, longest(features.map((f) => f.indices)));
      else if (input.name.startsWith(FEATURE_VALUES_INPUT)) result[input.name] = featureValues(features, longest(features.map((f) => f.indices)));
      else result[input.name] = embeddings(samples);
    }
    return result;
  }
}

/** Hashed n-gram buckets [n, F] int32, right-padded with bucket 0 (its value is 0, so padding adds nothing). */
function featureIds(rows: readonly SparseRow[], length: number): TensorValue {
  const data = new Int32Array(rows.length * length);
  rows.forEach((row, i) => data.set(row.indices.subarray(0, length), i * length));
  return { dtype: 'int32', shape: [rows.length, length], data };
}

/** Their values [n, F, 1], 0 on padding. */
function featureValues(rows: readonly SparseRow[], length: number): TensorValue {
  const data = new Float32Array(rows.length * length);
  rows.forEach((row, i) => data.set(row.values.subarray(0, length), i * length));
  return { dtype: 'float32', shape: [rows.length, length, 1], data };
}

type SparseRow = ReturnType<typeof hashedNgramSparse>;

function withModelId<T>(modelId: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new Error(`model '${modelId}': preprocessing.features: ${(error as Error).message}`);
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

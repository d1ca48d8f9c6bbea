import type { SparseFeatures, UseTokenizer } from '@matrix/tokenization';
import {
  batchWidth,
  embeddingTensor,
  featureIdsTensor,
  featureRows,
  featureValuesTensor,
  tokenIdsTensor,
  tokenRows,
  tokenWeightsTensor,
} from './head-input-builders';
import { EMBEDDING_INPUT, FEATURE_IDS_INPUT, FEATURE_VALUES_INPUT, headInputName, TOKEN_IDS_INPUT, TOKEN_WEIGHTS_INPUT } from './head-input-names';
import type { HeadPreprocessing } from './head-preprocessing';
import type { HeadInputSpec, HeadTensor } from './head-tensor';

/** What a batch of texts gives a head: token ids, hashed n-grams and sentence embeddings, row i = text i. */
export interface HeadBatch {
  size: number;
  tokenIds?: readonly ArrayLike<number>[];
  features?: readonly SparseFeatures[];
  embeddings?: readonly (Float32Array | undefined)[];
}

/** The batch parts a head's preprocessing asks for, computed from the texts (the embeddings come from the embedding model). */
export function headBatch(
  texts: readonly string[],
  prep: HeadPreprocessing,
  tokenizer?: UseTokenizer,
  embeddings?: readonly (Float32Array | undefined)[],
): HeadBatch {
  if (prep.tokens && !tokenizer) throw new Error('headBatch: the preprocessing names a tokenizer, pass it');
  return {
    size: texts.length,
    tokenIds: prep.tokens && tokenizer ? tokenRows(tokenizer, texts, prep.tokens.maxTokens) : undefined,
    features: prep.features ? featureRows(texts, prep.features) : undefined,
    embeddings,
  };
}

/**
 * Every input tensor of a head for a batch, by the model's input names: `input_ids` [n, L] and
 * `token_weights` [n, L, 1] (L = the model's fixed length, else the batch's longest text),
 * `feature_ids` [n, F] and `feature_values` [n, F, 1] (F likewise), and the embedding [n, d] for any other input.
 */
export function buildHeadInputs(inputs: readonly HeadInputSpec[], batch: HeadBatch): Record<string, HeadTensor> {
  const result: Record<string, HeadTensor> = {};
  for (const input of inputs) {
    const fixed = input.shape?.[1];
    const kind = headInputName(input.name);
    if (kind === TOKEN_IDS_INPUT || kind === TOKEN_WEIGHTS_INPUT) {
      const ids = part(batch.tokenIds, input.name, 'token ids', batch.size);
      const length = batchWidth(
        ids.map((row) => row.length),
        fixed,
      );
      result[input.name] = kind === TOKEN_IDS_INPUT ? tokenIdsTensor(ids, length) : tokenWeightsTensor(ids, length);
    } else if (kind === FEATURE_IDS_INPUT || kind === FEATURE_VALUES_INPUT) {
      const features = part(batch.features, input.name, 'hashed n-grams', batch.size);
      const length = batchWidth(
        features.map((row) => row.indices.length),
        fixed,
      );
      result[input.name] = kind === FEATURE_IDS_INPUT ? featureIdsTensor(features, length) : featureValuesTensor(features, length);
    } else if (kind === EMBEDDING_INPUT) {
      result[input.name] = embeddingTensor(batch.embeddings ?? Array.from({ length: batch.size }, () => undefined));
    }
  }
  return result;
}

function part<T>(rows: readonly T[] | undefined, input: string, what: string, size: number): readonly T[] {
  if (!rows || rows.length !== size) throw new Error(`head input '${input}' needs the batch's ${what} (${size} rows)`);
  return rows;
}

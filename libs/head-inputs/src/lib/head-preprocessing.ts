import { parseHashedNgramSpec, type HashedNgramSpec } from '@matrix/tokenization';
import { FEATURE_IDS_INPUT, TOKEN_IDS_INPUT } from './head-input-names';

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

const TOKENIZERS = ['use-sentencepiece'];

/** Checks a manifest's untrusted `preprocessing` of a head and returns it typed (errors name the model). */
export function parseHeadPreprocessing(modelId: string, preprocessing: Record<string, unknown> | undefined): HeadPreprocessing {
  const { embeddingModel, tokenizer, maxTokens = 64, features } = preprocessing ?? {};
  if (embeddingModel !== undefined && typeof embeddingModel !== 'string')
    throw new Error(`model '${modelId}': preprocessing.embeddingModel must be a model id`);
  if (tokenizer !== undefined && !TOKENIZERS.includes(String(tokenizer))) {
    throw new Error(`model '${modelId}': preprocessing.tokenizer must be one of ${TOKENIZERS.join(', ')}, got ${JSON.stringify(tokenizer)}`);
  }
  if (!Number.isInteger(maxTokens) || (maxTokens as number) < 1 || (maxTokens as number) > 1024) {
    throw new Error(`model '${modelId}': preprocessing.maxTokens must be an integer from 1 to 1024`);
  }
  if (embeddingModel === undefined && tokenizer === undefined) {
    throw new Error(
      `model '${modelId}': a tensor text classifier needs preprocessing.embeddingModel (the model whose embeddings it reads), preprocessing.tokenizer (its ids) or preprocessing.features (hashed-ngrams)`,
    );
  }
  return {
    embeddingModel: embeddingModel as string | undefined,
    tokens: tokenizer ? { tokenizer: 'use-sentencepiece', maxTokens: maxTokens as number } : undefined,
    features: features === undefined ? undefined : withModelId(modelId, () => parseHashedNgramSpec(features)),
  };
}

/** Throws when a model's inputs and its preprocessing disagree (a tokenizer but no ids input, ids but no tokenizer, …). */
export function checkHeadInputs(modelId: string, inputNames: readonly string[], prep: HeadPreprocessing): void {
  const reads = (name: string) => inputNames.some((input) => input.startsWith(name));
  if (prep.tokens && !reads(TOKEN_IDS_INPUT)) throw new Error(`model '${modelId}' names a tokenizer but has no '${TOKEN_IDS_INPUT}' input`);
  if (!prep.tokens && reads(TOKEN_IDS_INPUT)) throw new Error(`model '${modelId}' has an '${TOKEN_IDS_INPUT}' input but its preprocessing names no tokenizer`);
  if (prep.features && !reads(FEATURE_IDS_INPUT))
    throw new Error(`model '${modelId}' names preprocessing.features beside other inputs but has no '${FEATURE_IDS_INPUT}' input`);
  if (!prep.features && reads(FEATURE_IDS_INPUT))
    throw new Error(`model '${modelId}' has a '${FEATURE_IDS_INPUT}' input but its preprocessing names no features`);
}

function withModelId<T>(modelId: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new Error(`model '${modelId}': preprocessing.features: ${(error as Error).message}`);
  }
}

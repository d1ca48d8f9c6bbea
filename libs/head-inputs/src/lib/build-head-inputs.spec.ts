import type { UseTokenizer } from '@matrix/tokenization';
import { buildHeadInputs, headBatch } from './build-head-inputs';
import { EMBEDDING_INPUT, FEATURE_IDS_INPUT, FEATURE_VALUES_INPUT, headInputName, TOKEN_IDS_INPUT, TOKEN_WEIGHTS_INPUT } from './head-input-names';

/** A stand-in tokenizer: one id per character code. */
const tokenizer = { encodeIds: (text: string) => Array.from(text, (c) => c.charCodeAt(0)) } as unknown as UseTokenizer;
const spec = { type: 'hashed-ngrams' as const, dimensions: 32, wordNgrams: [1, 1] as [number, number], charNgrams: [0, 0] as [number, number] };

describe('head input names', () => {
  it('match by prefix (tfjs suffixes duplicate names); any other input reads the embedding', () => {
    expect(['input_ids_1', 'token_weights', 'feature_ids', 'feature_values_2', 'dense_Dense1_input', 'embedding'].map(headInputName)).toEqual([
      TOKEN_IDS_INPUT,
      TOKEN_WEIGHTS_INPUT,
      FEATURE_IDS_INPUT,
      FEATURE_VALUES_INPUT,
      EMBEDDING_INPUT,
      EMBEDDING_INPUT,
    ]);
  });
});

describe('buildHeadInputs', () => {
  const texts = ['ab', 'abcd x'];
  const embeddings = [Float32Array.from([1, 0]), Float32Array.from([0, 1])];

  it('builds every input a head names from the texts, its preprocessing and the embeddings', () => {
    const batch = headBatch(texts, { tokens: { tokenizer: 'use-sentencepiece', maxTokens: 4 }, features: spec }, tokenizer, embeddings);
    const inputs = buildHeadInputs(
      [
        { name: 'input_ids', shape: [null, -1] },
        { name: 'token_weights', shape: [null, -1, 1] },
        { name: 'embedding', shape: [null, 2] },
        { name: 'feature_ids', shape: [null, null] },
        { name: 'feature_values', shape: [null, null, 1] },
      ],
      batch,
    );
    // Tokens cut at maxTokens = 4; the batch is as wide as its longest row.
    expect(inputs.input_ids).toEqual({ dtype: 'int32', shape: [2, 4], data: Int32Array.from([97, 98, 0, 0, 97, 98, 99, 100]) });
    expect(Array.from(inputs.token_weights.data)).toEqual([0.5, 0.5, 0, 0, 0.25, 0.25, 0.25, 0.25]);
    expect(inputs.embedding).toEqual({ dtype: 'float32', shape: [2, 2], data: Float32Array.from([1, 0, 0, 1]) });
    expect(inputs.feature_ids.shape).toEqual([2, 2]);
    expect(inputs.feature_values.shape).toEqual([2, 2, 1]);
    expect(inputs.feature_values.data[1]).toBe(0);
  });

  it('pads to a model fixed length', () => {
    const inputs = buildHeadInputs(
      [{ name: 'input_ids', shape: [null, 6] }],
      headBatch(texts, { tokens: { tokenizer: 'use-sentencepiece', maxTokens: 4 } }, tokenizer),
    );
    expect(inputs.input_ids.shape).toEqual([2, 6]);
  });

  it('says which part of the batch an input needs when it is missing', () => {
    expect(() => buildHeadInputs([{ name: 'feature_ids' }], headBatch(texts, {}))).toThrow(
      "head input 'feature_ids' needs the batch's hashed n-grams (2 rows)",
    );
    expect(() => buildHeadInputs([{ name: 'embedding' }], headBatch(texts, {}))).toThrow('every sample needs an embedding');
    expect(() => headBatch(texts, { tokens: { tokenizer: 'use-sentencepiece', maxTokens: 4 } })).toThrow('pass it');
  });
});

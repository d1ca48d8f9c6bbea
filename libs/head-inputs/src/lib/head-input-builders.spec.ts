import { hashedNgramFeatures, hashedNgramSparse, loadUseTokenizer, type HashedNgramSpec } from '@matrix/tokenization';
import * as build from './head-input-builders';

const row = (indices: number[], values: number[]) => ({ indices: Int32Array.from(indices), values: Float32Array.from(values) });
const spec: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: 64, wordNgrams: [1, 2], charNgrams: [0, 0] };

describe('head input builders', () => {
  it('token ids [n, L] int32: right-padded with 0, cut at L', () => {
    expect(build.tokenIdsTensor([[5, 6, 7], [9]], 2)).toEqual({ dtype: 'int32', shape: [2, 2], data: Int32Array.from([5, 6, 9, 0]) });
  });

  it('token weights [n, L, 1]: 1/len on real tokens, 0 on padding (a mean that ignores padding)', () => {
    const t = build.tokenWeightsTensor([Int32Array.from([5, 6, 7]), Int32Array.from([9])], 4);
    expect(t.shape).toEqual([2, 4, 1]);
    expect(Array.from(t.data)).toEqual([1 / 3, 1 / 3, 1 / 3, 0, 1, 0, 0, 0].map((v) => expect.closeTo(v, 6)));
  });

  it('word dropout keeps at least one token and the kept ones share the weight', () => {
    const never = () => 0;
    const t = build.tokenWeightsTensor([[1, 2, 3]], 3, { rate: 0.5, random: never });
    expect(Array.from(t.data)).toEqual([1, 0, 0]);
  });

  it('feature ids [n, F] and values [n, F, 1], padded with bucket 0 and value 0', () => {
    const rows = [row([4, 9], [0.6, 0.8]), row([2], [1])];
    expect(build.featureIdsTensor(rows, 2)).toEqual({ dtype: 'int32', shape: [2, 2], data: Int32Array.from([4, 9, 2, 0]) });
    const values = build.featureValuesTensor(rows, 2);
    expect(values.shape).toEqual([2, 2, 1]);
    expect(Array.from(values.data)).toEqual([0.6, 0.8, 1, 0].map((v) => expect.closeTo(v, 6)));
  });

  it('batch width: the fixed length where the model has one, else the longest row, at least 1', () => {
    expect(build.batchWidth([3, 5], 8)).toBe(8);
    expect(build.batchWidth([3, 5], -1)).toBe(5);
    expect(build.batchWidth([0, 0], null)).toBe(1);
  });

  it('embeddings [n, d]; a missing or narrower one is refused', () => {
    expect(build.embeddingTensor([Float32Array.from([1, 2]), Float32Array.from([3, 4])])).toEqual({
      dtype: 'float32',
      shape: [2, 2],
      data: Float32Array.from([1, 2, 3, 4]),
    });
    expect(() => build.embeddingTensor([Float32Array.from([1, 2]), undefined])).toThrow('every sample needs an embedding of the same width');
    expect(() => build.embeddingTensor([Float32Array.from([1, 2]), Float32Array.from([3])])).toThrow('every sample needs an embedding of the same width');
  });

  it('hashed n-grams of texts: sparse rows and the dense [n, dimensions] matrix of the same featuriser', () => {
    const texts = ['great film', 'not great'];
    expect(build.featureRows(texts, spec)).toEqual(texts.map((t) => hashedNgramSparse(t, spec)));
    const dense = build.denseFeaturesTensor(texts, spec);
    expect(dense.shape).toEqual([2, 64]);
    expect(Array.from(dense.data.subarray(64))).toEqual(Array.from(hashedNgramFeatures('not great', spec)));
  });

  it('token rows: USE SentencePiece ids truncated to maxTokens', async () => {
    const tokenizer = await loadUseTokenizer();
    const [short, long] = build.tokenRows(tokenizer, ['not bad at all', 'word '.repeat(100)], 8);
    expect(Array.from(short)).toEqual(tokenizer.encodeIds('not bad at all'));
    expect(long).toHaveLength(8);
  });
});

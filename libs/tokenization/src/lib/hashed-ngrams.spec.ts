import { fnv1a, hashedNgramFeatures, hashedNgramSparse, ngramWords, parseHashedNgramSpec, type HashedNgramSpec } from './hashed-ngrams';

const spec: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: 1 << 16, wordNgrams: [1, 2], charNgrams: [3, 4] };

describe('hashed n-gram features', () => {
  it('hashes with 32-bit FNV-1a (reference values of the algorithm)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('splits lower-cased words and keeps inner apostrophes', () => {
    expect(ngramWords("My card hasn't ARRIVED, 2 weeks!")).toEqual(['my', 'card', "hasn't", 'arrived', '2', 'weeks']);
  });

  it('counts every word and char n-gram once per occurrence and L2-normalises', () => {
    const v = hashedNgramFeatures('top up', spec);
    // words: top, up, "top up" = 3; chars of " top " (5 chars): 3 trigrams + 2 four-grams; of " up " (4): 2 + 1.
    const nonZero = Array.from(v).filter((x) => x !== 0);
    expect(nonZero).toHaveLength(3 + 5 + 3);
    expect(nonZero.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 5);
    expect(v[fnv1a('w:top up') % spec.dimensions]).toBeGreaterThan(0);
  });

  it('damps repeats as 1 + ln(count) and ignores case and punctuation', () => {
    const once = hashedNgramFeatures('card', { ...spec, charNgrams: [0, 0], wordNgrams: [1, 1] });
    expect(Array.from(once).filter((x) => x > 0)).toEqual([1]);
    expect(hashedNgramFeatures('Card!', spec)).toEqual(hashedNgramFeatures('card', spec));
    const twice = hashedNgramFeatures('card card', { ...spec, charNgrams: [0, 0], wordNgrams: [1, 1] });
    expect(Array.from(twice).filter((x) => x > 0)).toEqual([1]);
  });

  it('gives the zero vector for a text without words', () => {
    expect(hashedNgramFeatures('?!', spec).every((x) => x === 0)).toBe(true);
  });

  it('validates a spec from a manifest', () => {
    expect(parseHashedNgramSpec({ ...spec })).toEqual(spec);
    expect(() => parseHashedNgramSpec({ ...spec, type: 'tfidf' })).toThrow("features.type must be 'hashed-ngrams'");
    expect(() => parseHashedNgramSpec({ ...spec, dimensions: 0 })).toThrow('dimensions must be an integer');
    expect(() => parseHashedNgramSpec({ ...spec, charNgrams: [5, 3] })).toThrow('charNgrams must be [min, max]');
  });
});

describe('sparse hashed n-gram features', () => {
  it('holds exactly the non-zero entries of the dense vector, buckets ascending', () => {
    const text = "A gorgeous, witty movie -- it isn't dull, it isn't!";
    const dense = hashedNgramFeatures(text, spec);
    const { indices, values } = hashedNgramSparse(text, spec);
    expect(Array.from(indices)).toEqual(Array.from(dense.keys()).filter((i) => dense[i] !== 0));
    expect(Array.from(values)).toEqual(Array.from(indices, (i) => dense[i]));
    expect(Array.from(indices).every((b, i) => i === 0 || b > indices[i - 1])).toBe(true);
  });

  it('is empty for a text without words', () => {
    const { indices, values } = hashedNgramSparse('?!', spec);
    expect(indices).toHaveLength(0);
    expect(values).toHaveLength(0);
  });
});

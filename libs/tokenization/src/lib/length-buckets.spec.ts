import { groupIndicesByLength, paddingWaste, pickBucketBoundary } from './length-buckets';

describe('pickBucketBoundary', () => {
  const boundaries = [16, 32, 64, 128];

  it('picks the smallest boundary that fits', () => {
    expect(pickBucketBoundary(0, boundaries)).toBe(16);
    expect(pickBucketBoundary(16, boundaries)).toBe(16);
    expect(pickBucketBoundary(17, boundaries)).toBe(32);
    expect(pickBucketBoundary(100, boundaries)).toBe(128);
    expect(pickBucketBoundary(128, boundaries)).toBe(128);
  });

  it('returns null above the largest boundary', () => {
    expect(pickBucketBoundary(129, boundaries)).toBeNull();
  });

  it('rejects bad boundaries and lengths', () => {
    expect(() => pickBucketBoundary(5, [])).toThrow('Bucket boundaries must not be empty');
    expect(() => pickBucketBoundary(5, [32, 16])).toThrow('strictly ascending');
    expect(() => pickBucketBoundary(5, [16, 16])).toThrow('strictly ascending');
    expect(() => pickBucketBoundary(5, [0, 16])).toThrow('Bucket boundary 0 must be a positive integer');
    expect(() => pickBucketBoundary(-1, boundaries)).toThrow('non-negative integer');
    expect(() => pickBucketBoundary(1.5, boundaries)).toThrow('non-negative integer');
  });
});

describe('groupIndicesByLength', () => {
  // index:         0   1    2  3   4  5   6
  const lengths = [50, 3, 120, 7, 49, 5, 64];

  it('batches requests of similar length, shortest first', () => {
    // Sorted by length: 1(3) 5(5) 3(7) 4(49) 0(50) 6(64) 2(120).
    expect(groupIndicesByLength(lengths, { maxBatchSize: 3 })).toEqual([[1, 5, 3], [4, 0, 6], [2]]);
    expect(groupIndicesByLength(lengths, { maxBatchSize: 4 })).toEqual([
      [1, 5, 3, 4],
      [0, 6, 2],
    ]);
  });

  it('never mixes buckets when boundaries are given', () => {
    // Buckets: ≤8 {1,5,3}, ≤64 {4,0,6}, over 64 {2}.
    expect(groupIndicesByLength(lengths, { maxBatchSize: 4, boundaries: [8, 64] })).toEqual([[1, 5, 3], [4, 0, 6], [2]]);
    expect(groupIndicesByLength(lengths, { maxBatchSize: 2, boundaries: [8, 64] })).toEqual([[1, 5], [3], [4, 0], [6], [2]]);
  });

  it('keeps request order among equal lengths', () => {
    expect(groupIndicesByLength([5, 5, 5], { maxBatchSize: 2 })).toEqual([[0, 1], [2]]);
  });

  it('places every index exactly once and respects maxBatchSize', () => {
    const many = Array.from({ length: 101 }, (_, i) => (i * 37) % 97);
    const batches = groupIndicesByLength(many, { maxBatchSize: 8, boundaries: [16, 32, 64] });
    expect(batches.flat().sort((a, b) => a - b)).toEqual(many.map((_, i) => i));
    expect(Math.max(...batches.map((batch) => batch.length))).toBe(8);
  });

  it('returns no batches for no requests and rejects a bad batch size', () => {
    expect(groupIndicesByLength([], { maxBatchSize: 4 })).toEqual([]);
    expect(() => groupIndicesByLength([1], { maxBatchSize: 0 })).toThrow('maxBatchSize must be a positive integer, got 0');
    expect(() => groupIndicesByLength([1, -2], { maxBatchSize: 2 })).toThrow('Length at index 1');
  });
});

describe('paddingWaste', () => {
  it('counts the padded slots of a dynamically padded batch', () => {
    // 3 rows × 7 = 21 slots, 3 + 5 + 7 = 15 real, 6 wasted.
    expect(paddingWaste([3, 5, 7])).toEqual({
      paddedLength: 7,
      realTokens: 15,
      paddedTokens: 21,
      wastedTokens: 6,
      wasteRatio: 6 / 21,
    });
  });

  it('counts padding to a fixed length', () => {
    // 3 × 8 = 24 slots, 9 wasted, 9 / 24 = 0.375.
    expect(paddingWaste([3, 5, 7], 8)).toEqual({
      paddedLength: 8,
      realTokens: 15,
      paddedTokens: 24,
      wastedTokens: 9,
      wasteRatio: 0.375,
    });
  });

  it('is zero for an empty batch and refuses a length shorter than a row', () => {
    expect(paddingWaste([])).toEqual({
      paddedLength: 0,
      realTokens: 0,
      paddedTokens: 0,
      wastedTokens: 0,
      wasteRatio: 0,
    });
    expect(() => paddingWaste([3, 7], 6)).toThrow('paddedLength 6 is shorter than the longest row (7)');
  });

  it('shows what grouping by length saves', () => {
    const lengths = [3, 120, 5, 118];
    const waste = (batches: number[][]) => batches.reduce((sum, batch) => sum + paddingWaste(batch.map((i) => lengths[i])).wastedTokens, 0);
    // Arrival order [0,1] [2,3]: (2×120 − 123) + (2×118 − 123) = 117 + 113.
    expect(
      waste([
        [0, 1],
        [2, 3],
      ]),
    ).toBe(230);
    // By length [0,2] [3,1]: (2×5 − 8) + (2×120 − 238) = 2 + 2.
    const grouped = groupIndicesByLength(lengths, { maxBatchSize: 2 });
    expect(grouped).toEqual([
      [0, 2],
      [3, 1],
    ]);
    expect(waste(grouped)).toBe(4);
  });
});

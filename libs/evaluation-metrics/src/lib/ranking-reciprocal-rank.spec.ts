import { reciprocalRank } from './ranking-reciprocal-rank';

describe('reciprocalRank', () => {
  it('is 1 / rank of the first relevant item (hand-worked)', () => {
    expect(reciprocalRank(['x', 'y', 'a', 'b'], ['a', 'b'])).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank(['a'], ['a'])).toBe(1);
  });

  it('is 0 when nothing relevant appears within k', () => {
    expect(reciprocalRank(['x', 'y', 'a'], ['a'], 2)).toBe(0);
    expect(reciprocalRank([], ['a'])).toBe(0);
  });

  it('rejects duplicated recommendations', () => {
    expect(() => reciprocalRank(['x', 'x'], ['a'])).toThrow(/appears twice/);
  });
});

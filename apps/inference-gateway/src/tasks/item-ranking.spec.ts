import { topKExcluding } from './item-ranking.task';

describe('topKExcluding', () => {
  it('returns the k best scores, best first, skipping excluded indices', () => {
    const scores = [0.1, 0.9, 0.5, 0.7, 0.3];
    expect(topKExcluding(scores, 2, new Set())).toEqual([
      { index: 1, score: 0.9 },
      { index: 3, score: 0.7 },
    ]);
    expect(topKExcluding(scores, 3, new Set([1, 3])).map((r) => r.index)).toEqual([2, 4, 0]);
  });

  it('keeps the lower index first on ties and returns fewer when too few items remain', () => {
    expect(topKExcluding([1, 2, 2, 1], 3, new Set()).map((r) => r.index)).toEqual([1, 2, 0]);
    expect(topKExcluding([1, 2, 3], 5, new Set([0]))).toHaveLength(2);
  });

  it('never returns NaN scores', () => {
    expect(topKExcluding([NaN, 1, NaN], 3, new Set()).map((r) => r.index)).toEqual([1]);
  });
});

import { becauseOf, becauseText, popularText } from './reasons';

describe('reasons', () => {
  const knn = { neighbours: [[[2, 0.5]], [[2, 0.4]], []] as Array<Array<[number, number]>> };
  const itemIndex = new Map([
    ['a', 0],
    ['b', 1],
    ['c', 2],
  ]);

  it('names the user’s item most similar to the recommendation, weighting strong signals higher', () => {
    // a is more similar to c (0.5) but was only viewed (×0.6 = 0.30); b was rated 5 (0.4 × 1 = 0.40).
    const events = [
      { itemId: 'a', type: 'view', value: null },
      { itemId: 'b', type: 'rating', value: 5 },
    ];
    expect(becauseOf(knn, itemIndex, events, 2)).toEqual({ itemId: 'b', verb: 'rated', value: 5, similarity: 0.4 });
    expect(becauseOf(knn, itemIndex, [{ itemId: 'a', type: 'purchase', value: null }], 2)).toMatchObject({ itemId: 'a', verb: 'bought' });
    expect(becauseOf(knn, itemIndex, events, 0)).toBeNull();
  });

  it('writes the reasons people read', () => {
    expect(becauseText('rated', 'Fargo (1996)', 5)).toBe('because you rated Fargo (1996) 5★');
    expect(becauseText('viewed', 'Fargo (1996)', null)).toBe('because you viewed Fargo (1996)');
    const ranks: Record<string, number> = { Drama: 12, Crime: 3 };
    expect(popularText(['Drama', 'Crime'], (c) => ranks[c])).toBe('popular in Crime');
    expect(popularText([], () => 0)).toBe('popular overall');
  });
});

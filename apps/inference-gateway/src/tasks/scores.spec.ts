import { topK } from './scores';

/** The reference: every index sorted by score, higher first, lower index first on ties. */
function fullSort(scores: number[], k: number): number[] {
  return scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.max(0, k))
    .map((entry) => entry.index);
}

describe('topK', () => {
  // Scores with many ties (only 20 distinct values among 1,000), so ties decide many places.
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const scores = Array.from({ length: 1000 }, () => Math.floor(random() * 20) / 20);

  it.each([0, 1, 5, 32, 33, 1000, 1500])('gives the same k=%i best as a full sort, ties in index order', (k) => {
    expect(topK(scores, k).map((entry) => entry.index)).toEqual(fullSort(scores, k));
  });

  it('labels and scores each pick', () => {
    expect(topK([0.1, 0.7, 0.2], 2, ['cat', 'dog', 'fox'])).toEqual([
      { index: 1, label: 'dog', score: 0.7 },
      { index: 2, label: 'fox', score: 0.2 },
    ]);
    expect(topK(new Float32Array([0.5, 0.5]), 1)).toEqual([{ index: 0, label: '0', score: 0.5 }]);
  });
});

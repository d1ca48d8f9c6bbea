import { knnScores } from '@matrix/recommender-model';
import { createRng } from '@matrix/evaluation-metrics';
import { itemGram } from './item-cooccurrence';
import { trainItemKnn } from './item-knn';

describe('item-item kNN', () => {
  const seen = [[0, 1], [0, 1], [0, 2], [1, 2], [3]].map((l) => Int32Array.from(l));
  const gram = itemGram(seen, 4);

  it('ranks neighbours by cosine of their user sets, shrunk by support', () => {
    const { neighbours } = trainItemKnn(gram, 4, 10, 0);
    // |U0| = 3, |U1| = 3, |U0 ∩ U1| = 2 → 2/3; |U2| = 2, |U0 ∩ U2| = 1 → 1/√6.
    expect(neighbours[0]).toEqual([
      [1, +(2 / 3).toFixed(6)],
      [2, +(1 / Math.sqrt(6)).toFixed(6)],
    ]);
    expect(neighbours[3]).toEqual([]);
    const shrunk = trainItemKnn(gram, 4, 10, 2).neighbours[0];
    expect(shrunk[0][1]).toBeCloseTo((2 / 3) * (2 / 4), 6);
  });

  it('keeps the top k neighbours and sums similarities into user scores', () => {
    const model = trainItemKnn(gram, 4, 1, 0);
    expect(model.neighbours[0]).toHaveLength(1);
    const scores = knnScores(model, 4, [0, 2]);
    // Item 0's best neighbour is 1 (2/3); item 2's best neighbour is 0 or 1 (1/√6 each, lower id first) → 0.
    expect(scores[1]).toBeCloseTo(2 / 3, 5);
    expect(scores[0]).toBeCloseTo(1 / Math.sqrt(6), 5);
  });
});

describe('item-item kNN top-k selection', () => {
  /** The definition: every co-occurring item scored, sorted best first (lower index on ties), cut at k. */
  function referenceNeighbours(gram: Float64Array, items: number, k: number, shrink: number): Array<Array<[number, number]>> {
    return Array.from({ length: items }, (_, i) => {
      const ni = gram[i * items + i];
      const candidates: Array<[number, number]> = [];
      for (let j = 0; j < items && ni > 0; j++) {
        const co = gram[i * items + j];
        if (j !== i && co > 0) candidates.push([j, ((co / Math.sqrt(ni * gram[j * items + j])) * co) / (co + shrink)]);
      }
      candidates.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      return candidates.slice(0, k).map(([j, s]): [number, number] => [j, Math.round(s * 1e6) / 1e6]);
    });
  }

  it.each([
    [1, 0],
    [3, 10],
    [7, 0],
    [50, 10],
  ])('equals sorting every candidate (k = %i, shrink = %i), ties included', (k, shrink) => {
    // 60 users over 40 items, few items per user: many equal co-counts, so many tied scores.
    const rng = createRng(k * 100 + shrink);
    const seen = Array.from({ length: 60 }, () =>
      Int32Array.from([...new Set(Array.from({ length: 1 + Math.floor(rng() * 5) }, () => Math.floor(rng() * 40)))].sort((a, b) => a - b)),
    );
    const items = 40;
    const gram = itemGram(seen, items);
    expect(trainItemKnn(gram, items, k, shrink).neighbours).toEqual(referenceNeighbours(gram, items, k, shrink));
  });
});

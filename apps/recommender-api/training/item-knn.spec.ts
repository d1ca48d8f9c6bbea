import { knnScores } from '@matrix/recommender-model';
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

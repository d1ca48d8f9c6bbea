import type { ItemNeighbours } from '@matrix/recommender-model';

export const DEFAULT_KNN_NEIGHBOURS = 50;

/**
 * Item-item kNN: cosine(i, j) = |U_i ∩ U_j| / sqrt(|U_i| |U_j|) from the co-occurrence Gram
 * matrix, shrunk by support (÷ (1 + shrink / co-count)) so that two items shared by one user do
 * not look identical; keeps the top `k` neighbours per item (best first, lower index on ties).
 * The top k are kept by insertion into a k-long buffer while the row is scanned: no candidate
 * list to allocate and sort per item.
 */
export function trainItemKnn(gram: Float64Array, items: number, k = DEFAULT_KNN_NEIGHBOURS, shrink = 10): ItemNeighbours {
  const neighbours: Array<Array<[number, number]>> = [];
  const bestItem = new Int32Array(k);
  const bestScore = new Float64Array(k);
  for (let i = 0; i < items; i++) {
    const row = i * items;
    const ni = gram[row + i];
    let kept = 0;
    if (ni > 0 && k > 0) {
      for (let j = 0; j < items; j++) {
        const co = gram[row + j];
        if (j === i || co === 0) continue;
        const score = ((co / Math.sqrt(ni * gram[j * items + j])) * co) / (co + shrink);
        // j grows, so an equal score already kept has the lower index and stays ahead.
        if (kept === k && !(score > bestScore[k - 1])) continue;
        let at = kept < k ? kept++ : k - 1;
        while (at > 0 && score > bestScore[at - 1]) {
          bestScore[at] = bestScore[at - 1];
          bestItem[at] = bestItem[at - 1];
          at--;
        }
        bestScore[at] = score;
        bestItem[at] = j;
      }
    }
    const list: Array<[number, number]> = new Array(kept);
    for (let n = 0; n < kept; n++) list[n] = [bestItem[n], Math.round(bestScore[n] * 1e6) / 1e6];
    neighbours.push(list);
  }
  return { neighbours };
}

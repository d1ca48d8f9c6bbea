import type { ItemNeighbours } from '@matrix/recommender-model';

export const DEFAULT_KNN_NEIGHBOURS = 50;

/**
 * Item-item kNN: cosine(i, j) = |U_i ∩ U_j| / sqrt(|U_i| |U_j|) from the co-occurrence Gram
 * matrix, shrunk by support (÷ (1 + shrink / co-count)) so that two items shared by one user do
 * not look identical; keeps the top `k` neighbours per item.
 */
export function trainItemKnn(gram: Float64Array, items: number, k = DEFAULT_KNN_NEIGHBOURS, shrink = 10): ItemNeighbours {
  const neighbours: Array<Array<[number, number]>> = [];
  for (let i = 0; i < items; i++) {
    const row = i * items;
    const ni = gram[row + i];
    const candidates: Array<[number, number]> = [];
    if (ni > 0) {
      for (let j = 0; j < items; j++) {
        const co = gram[row + j];
        if (j === i || co === 0) continue;
        const cosine = co / Math.sqrt(ni * gram[j * items + j]);
        candidates.push([j, (cosine * co) / (co + shrink)]);
      }
    }
    candidates.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    neighbours.push(candidates.slice(0, k).map(([j, s]) => [j, Math.round(s * 1e6) / 1e6]));
  }
  return { neighbours };
}

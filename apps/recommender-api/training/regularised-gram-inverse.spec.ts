import { createRng } from '@matrix/evaluation-metrics';
import { trainEase } from './ease';
import { itemGram } from './item-cooccurrence';
import { inverseOfRegularisedGram } from './regularised-gram-inverse';
import { invertSymmetricPositiveDefinite } from './symmetric-inverse';

/** Random 0/1 interactions: each user has 1–8 distinct items. */
function randomSeen(users: number, items: number, seed: number): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: users }, () =>
    Int32Array.from([...new Set(Array.from({ length: 1 + Math.floor(rng() * 8) }, () => Math.floor(rng() * items)))].sort((a, b) => a - b)),
  );
}

function directInverse(seen: readonly Int32Array[], items: number, l2: number): Float64Array {
  const g = itemGram(seen, items);
  for (let i = 0; i < items; i++) g[i * items + i] += l2;
  return invertSymmetricPositiveDefinite(g, items);
}

describe('inverseOfRegularisedGram (Woodbury, through the users × users side)', () => {
  it.each([
    [5, 12, 1],
    [9, 30, 0.5],
    [30, 31, 3],
    [40, 25, 2], // more users than items: still exact, only slower
  ])('%i users × %i items, λ = %d: equals (XᵀX + λI)⁻¹ computed directly, and (XᵀX + λI)·P = I', (users, items, l2) => {
    const seen = randomSeen(users, items, users * 31 + items);
    const p = inverseOfRegularisedGram(seen, items, l2);
    const direct = directInverse(seen, items, l2);
    let scale = 0;
    for (const v of direct) scale = Math.max(scale, Math.abs(v));
    for (let x = 0; x < p.length; x++) expect(Math.abs(p[x] - direct[x]) / scale).toBeLessThan(1e-12);
    const g = itemGram(seen, items);
    for (let i = 0; i < items; i++) g[i * items + i] += l2;
    for (let i = 0; i < items; i++) {
      for (let j = 0; j < items; j++) {
        let s = 0;
        for (let k = 0; k < items; k++) s += g[i * items + k] * p[k * items + j];
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it('gives EASE the same weights as the items × items inverse when users are fewer than items', () => {
    const seen = randomSeen(10, 24, 5);
    const gram = itemGram(seen, 24);
    const viaUsers = trainEase(gram, 24, 2, seen);
    const viaItems = trainEase(gram, 24, 2);
    let largest = 0;
    for (let x = 0; x < viaUsers.length; x++) {
      expect(viaUsers[x]).toBeCloseTo(viaItems[x], 6);
      largest = Math.max(largest, Math.abs(viaItems[x]));
    }
    expect(largest).toBeGreaterThan(0.01);
  });

  it('refuses a regularisation that is not positive', () => {
    expect(() => inverseOfRegularisedGram(randomSeen(3, 5, 1), 5, 0)).toThrow('the regularisation must be positive (got 0)');
  });
});

import { easeScores } from '@matrix/recommender-model';
import { trainEase } from './ease';
import { itemGram } from './item-cooccurrence';
import { invertSymmetricPositiveDefinite } from './symmetric-inverse';

describe('EASE', () => {
  // Users 0–2 like items 0 and 1 together; users 3–4 like items 2 and 3; user 5 has item 0 only.
  const seen = [[0, 1], [0, 1], [0, 1], [2, 3], [2, 3], [0]].map((l) => Int32Array.from(l));
  const gram = itemGram(seen, 4);

  it('counts co-occurrences in the Gram matrix', () => {
    expect(Array.from(gram)).toEqual([4, 3, 0, 0, 3, 3, 0, 0, 0, 0, 2, 2, 0, 0, 2, 2]);
  });

  it('is the closed form B = I − P·diag(1/diag P) with P = (G + λI)⁻¹: zero diagonal', () => {
    const l2 = 1;
    const b = trainEase(gram, 4, l2);
    const g = Float64Array.from(gram);
    for (let i = 0; i < 4; i++) g[i * 4 + i] += l2;
    const p = invertSymmetricPositiveDefinite(g, 4);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) expect(b[i * 4 + j]).toBeCloseTo(i === j ? 0 : -p[i * 4 + j] / p[j * 4 + j], 6);
    }
  });

  it('scores the item that co-occurs with the user’s items highest', () => {
    const b = trainEase(gram, 4, 1);
    const scores = easeScores(b, 4, [0]);
    expect(scores[1]).toBeGreaterThan(0.3);
    expect(Math.abs(scores[2])).toBeLessThan(1e-6);
    expect(Math.abs(scores[3])).toBeLessThan(1e-6);
    expect(easeScores(b, 4, [2])[3]).toBeGreaterThan(0.3);
  });
});

import { useWasmBackend } from '@matrix/model-training';
import type { TrainingEvent } from '@matrix/recommender-model';
import { trainRecommender } from './train-recommender';
import { overallFraction } from './training-stages';

// The progress of one training run as the web's bar shows it: it only moves forward, from the first stage to 100 %
// (before, each stage restarted at its own 0 and the bar went 45 % → 6 %).

beforeAll(async () => {
  await useWasmBackend();
});

describe('training progress', () => {
  it('maps each stage onto its own span of one bar', () => {
    expect(overallFraction('popularity', 0)).toBe(0);
    expect(overallFraction('bpr', 0)).toBeGreaterThan(overallFraction('ease', 0.99));
    expect(overallFraction('biased-mf', 0)).toBeGreaterThanOrEqual(overallFraction('bpr', 1));
    expect(overallFraction('biased-mf', 1)).toBe(1);
  });

  it.each(['ease', 'bpr', 'both'] as const)('never goes back while %s trains, and ends at 100 %%', async (ranker) => {
    // 30 users × 12 items, ratings 1..5: small, but every stage runs (EASE, BPR and biased MF by epoch).
    const events: TrainingEvent[] = [];
    for (let u = 0; u < 30; u++)
      for (let i = 0; i < 12; i++) if ((u + i) % 3 !== 0) events.push({ userId: `u${u}`, itemId: `i${i}`, rating: 1 + ((u * i) % 5) });
    const seen: Array<{ stage: string; fraction: number }> = [];
    await trainRecommender(
      events,
      [],
      { ranker, mf: { epochs: 3, ensemble: 2, factors: 4 }, bpr: { epochs: 3, factors: 4 } },
      { onProgress: (p) => seen.push({ stage: p.stage, fraction: p.fraction }) },
    );
    const fractions = seen.map((p) => p.fraction);
    for (let i = 1; i < fractions.length; i++) expect([seen[i - 1], fractions[i] >= fractions[i - 1]]).toEqual([seen[i - 1], true]);
    expect(new Set(seen.map((p) => p.stage)).size).toBeGreaterThanOrEqual(4);
    expect(fractions[fractions.length - 1]).toBe(1);
  });
});

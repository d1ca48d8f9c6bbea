import { threeClassOfAnalysis, thresholdRuleClass } from './three-class-predictions';

describe('three-class predictions from API answers', () => {
  it('maps labels to ids, MIXED by the sign of the score', () => {
    expect(threeClassOfAnalysis({ label: 'NEGATIVE', score: -0.4 })).toBe(0);
    expect(threeClassOfAnalysis({ label: 'NEUTRAL', score: 0.2 })).toBe(1);
    expect(threeClassOfAnalysis({ label: 'POSITIVE', score: 0.4 })).toBe(2);
    expect(threeClassOfAnalysis({ label: 'MIXED', score: -0.1 })).toBe(0);
    expect(threeClassOfAnalysis({ label: 'MIXED', score: 0.1 })).toBe(2);
  });

  it('applies the old ±0.25 threshold rule to P(positive) (inclusive at 0.625 / 0.375)', () => {
    expect([0.2, 0.375, 0.5, 0.6, 0.625, 0.9].map(thresholdRuleClass)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

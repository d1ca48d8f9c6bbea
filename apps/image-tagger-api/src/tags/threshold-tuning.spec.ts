import { tuneThreshold, type Review } from './threshold-tuning';

const reviews = (confirmed: number[], rejected: number[]): Review[] => [
  ...confirmed.map((confidence) => ({ confidence, confirmed: true })),
  ...rejected.map((confidence) => ({ confidence, confirmed: false })),
];

describe('tuneThreshold', () => {
  it('cuts between the lowest confirmation and the highest rejection when they separate', () => {
    expect(tuneThreshold(reviews([0.9, 0.8, 0.6], [0.5, 0.3]), 4)).toEqual({ threshold: 0.55, precision: 1, recall: 1, f1: 1, confirmed: 3, rejected: 2 });
  });

  it('raises the threshold when people reject confident suggestions', () => {
    // Confirmed only above 0.85: everything at or under 0.8 was wrong.
    const tuned = tuneThreshold(reviews([0.95, 0.9], [0.8, 0.75, 0.5]), 4);
    expect(tuned?.threshold).toBeCloseTo(0.85, 6);
  });

  it('lowers it when people confirm low-confidence suggestions', () => {
    expect(tuneThreshold(reviews([0.5, 0.2, 0.15], [0.05]), 4)?.threshold).toBeCloseTo(0.1, 6);
  });

  it('keeps the best F1 when the classes overlap, preferring the higher cut on ties', () => {
    // Cut 0.6: TP 3, FP 1 → F1 0.857; cut 0.8: TP 2, FP 0, FN 1 → F1 0.8.
    const tuned = tuneThreshold(reviews([0.9, 0.8, 0.6], [0.7, 0.3]), 4);
    expect(tuned?.f1).toBeCloseTo(6 / 7, 6);
    expect(tuned?.threshold).toBeCloseTo(0.45, 6);
    // 1 confirmed at 0.9, 1 rejected at 0.4 and 1 confirmed at 0.3: cut 0.9 (P 1, R .5, F1 .667) ties cut 0.3 (P .667, R 1, F1 .8)? no: 0.3 wins.
    expect(tuneThreshold(reviews([0.9, 0.3], [0.4]), 3)?.threshold).toBeCloseTo(0.3, 6);
  });

  it('waits for enough reviews and at least one confirmation', () => {
    expect(tuneThreshold(reviews([0.9, 0.8], [0.1]), 4)).toBeUndefined();
    expect(tuneThreshold(reviews([], [0.9, 0.8, 0.7, 0.6]), 4)).toBeUndefined();
  });
});

import { fuseHeads } from './head-fusion';
import { labelForProbabilities } from './label-rules';

describe('fuseHeads', () => {
  it('keeps the three-class head’s P(neutral) and splits the rest by the binary head’s P(positive)', () => {
    const p = fuseHeads(0.9, { negative: 0.5, neutral: 0.2, positive: 0.3 });
    expect(p.neutral).toBe(0.2);
    expect(p.positive).toBeCloseTo(0.72, 12);
    expect(p.negative).toBeCloseTo(0.08, 12);
    expect(labelForProbabilities(p)).toBe('POSITIVE'); // the binary head decides the direction
  });

  it('is neutral when the three-class head is confident it is', () => {
    expect(labelForProbabilities(fuseHeads(0.95, { negative: 0.1, neutral: 0.6, positive: 0.3 }))).toBe('NEUTRAL');
  });

  it('sums to one', () => {
    const p = fuseHeads(0.37, { negative: 0.2, neutral: 0.45, positive: 0.35 });
    expect(p.negative + p.neutral + p.positive).toBeCloseTo(1, 12);
  });
});

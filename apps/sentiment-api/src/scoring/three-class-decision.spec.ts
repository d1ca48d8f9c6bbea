import { labelForProbabilities } from './label-rules';
import { decideProbabilities, UNWEIGHTED_FUSION, type ThreeClassDecision } from './three-class-decision';

const THREE = { negative: 0.3, neutral: 0.4, positive: 0.3 };

describe('decideProbabilities', () => {
  it('unweighted fusion is the fused heads: neutral from the three-class head, the rest split by the binary head', () => {
    const p = decideProbabilities(0.8, THREE, UNWEIGHTED_FUSION);
    expect(p.neutral).toBeCloseTo(0.4, 12);
    expect(p.positive).toBeCloseTo(0.48, 12);
    expect(p.negative).toBeCloseTo(0.12, 12);
  });

  it('class weights rescale and renormalise: neutral ×1.5 on [0.12, 0.4, 0.48] → [0.12, 0.6, 0.48] / 1.2', () => {
    const p = decideProbabilities(0.8, THREE, { polarity: 'binary-head', classWeights: { negative: 1, neutral: 1.5, positive: 1 } });
    expect(p.negative).toBeCloseTo(0.1, 12);
    expect(p.neutral).toBeCloseTo(0.5, 12);
    expect(p.positive).toBeCloseTo(0.4, 12);
    expect(labelForProbabilities(p)).toBe('NEUTRAL'); // POSITIVE without the weight
    expect(labelForProbabilities(decideProbabilities(0.8, THREE, UNWEIGHTED_FUSION))).toBe('POSITIVE');
  });

  it('with polarity from the three-class head the binary head is ignored', () => {
    const alone: ThreeClassDecision = { polarity: 'three-class-head', classWeights: { negative: 1, neutral: 1, positive: 1 } };
    const p3 = { negative: 0.5, neutral: 0.2, positive: 0.3 };
    expect(decideProbabilities(0.99, p3, alone)).toEqual(p3);
    expect(labelForProbabilities(decideProbabilities(0.99, p3, alone))).toBe('NEGATIVE');
    expect(labelForProbabilities(decideProbabilities(0.99, p3, UNWEIGHTED_FUSION))).toBe('POSITIVE');
  });

  it('a positive weight below 1 moves a close call to negative', () => {
    const p3 = { negative: 0.34, neutral: 0.3, positive: 0.36 };
    const decision: ThreeClassDecision = { polarity: 'three-class-head', classWeights: { negative: 1, neutral: 1, positive: 0.9 } };
    expect(labelForProbabilities(decideProbabilities(0.5, p3, decision))).toBe('NEGATIVE');
    const p = decideProbabilities(0.5, p3, decision);
    expect(p.negative + p.neutral + p.positive).toBeCloseTo(1, 12);
  });
});

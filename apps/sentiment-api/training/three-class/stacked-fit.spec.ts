import type { HeldOutText } from './decision-grid';
import { servedClass } from './decision-grid';
import { crossValidatedStack, fitStackedModel } from './stacked-fit';
import { stackedProbabilities } from '../../src/scoring/stacked-decision';

// Texts whose label follows the binary head for polar rows and the three-class head's neutral for the rest.
function texts(count: number): HeldOutText[] {
  return Array.from({ length: count }, (_, i) => {
    const label = i % 3;
    const q = label === 2 ? 0.85 + (i % 7) / 100 : label === 0 ? 0.1 + (i % 5) / 100 : 0.5;
    const neutral = label === 1 ? 0.6 : 0.25;
    const threeClass = { negative: (1 - neutral) / 2, neutral, positive: (1 - neutral) / 2 };
    return { label, source: 'test', wholeBinaryPositive: q, sentences: [{ text: `t${i}`, binaryPositive: q, threeClass }] };
  });
}

describe('stacked decision fit', () => {
  it('learns to read direction from the binary head and neutral from the three-class head', () => {
    const model = fitStackedModel(
      [
        [0.9, 0.35, 0.3, 0.35],
        [0.1, 0.35, 0.3, 0.35],
        [0.5, 0.2, 0.6, 0.2],
      ],
      [2, 0, 1],
    );
    const argmax = (p: { negative: number; neutral: number; positive: number }) =>
      [p.negative, p.neutral, p.positive].indexOf(Math.max(p.negative, p.neutral, p.positive));
    expect(argmax(stackedProbabilities(0.9, { negative: 0.35, neutral: 0.3, positive: 0.35 }, model))).toBe(2);
    expect(argmax(stackedProbabilities(0.1, { negative: 0.35, neutral: 0.3, positive: 0.35 }, model))).toBe(0);
    expect(argmax(stackedProbabilities(0.5, { negative: 0.2, neutral: 0.6, positive: 0.2 }, model))).toBe(1);
  });

  it('cross-validates out of fold and serves the stack fit on all texts', () => {
    const rows = texts(60);
    const { decision, scores } = crossValidatedStack(rows, 42);
    expect(decision.polarity).toBe('stacked');
    expect(scores.n).toBe(60);
    expect(scores.macroF1).toBeGreaterThan(0.95);
    expect(rows.every((t) => servedClass(t, decision) === t.label)).toBe(true);
  });

  it('out-of-fold scores cannot memorise: labels unrelated to the features score near chance', () => {
    const rows = texts(90).map((t, i) => ({ ...t, label: (i * 7 + Math.floor(i / 3)) % 3 }));
    expect(crossValidatedStack(rows, 42).scores.macroF1).toBeLessThan(0.6);
  });
});

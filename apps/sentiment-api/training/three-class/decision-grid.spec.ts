import { bestDecision, decisionGrid, scoreDecision, servedClass, THRESHOLD_RULE, type HeldOutText } from './decision-grid';
import { UNWEIGHTED_FUSION, type ThreeClassDecision } from '../../src/scoring/three-class-decision';

const text = (label: number, binaryPositive: number, neutral: number, positive = (1 - neutral) / 2): HeldOutText => ({
  label,
  source: 'test',
  wholeBinaryPositive: binaryPositive,
  sentences: [{ text: 'x', binaryPositive, threeClass: { negative: 1 - neutral - positive, neutral, positive } }],
});

describe('decision grid', () => {
  it('labels a text as the API would, or by the old threshold rule', () => {
    const t = text(1, 0.9, 0.45);
    expect(servedClass(t, UNWEIGHTED_FUSION)).toBe(2); // 0.55·0.9 > 0.45
    expect(servedClass(t, { ...UNWEIGHTED_FUSION, classWeights: { negative: 1, neutral: 2, positive: 1 } })).toBe(1);
    expect(servedClass(t, THRESHOLD_RULE)).toBe(2); // 2·0.9 − 1 ≥ 0.25
    expect(servedClass(text(1, 0.55, 0.1), THRESHOLD_RULE)).toBe(1);
  });

  it('a multi-sentence text with a clearly positive and a clearly negative sentence counts by the sign of its score', () => {
    const mixed: HeldOutText = {
      label: 0,
      source: 'test',
      wholeBinaryPositive: 0.5,
      sentences: [
        { text: 'short good', binaryPositive: 0.99, threeClass: { negative: 0.05, neutral: 0.05, positive: 0.9 } },
        { text: 'a much longer bad sentence', binaryPositive: 0.01, threeClass: { negative: 0.9, neutral: 0.05, positive: 0.05 } },
      ],
    };
    expect(servedClass(mixed, UNWEIGHTED_FUSION)).toBe(0);
  });

  it('picks the neutral weight that recovers the neutral texts the unweighted fusion misses', () => {
    // Neutral texts with P(neutral) 0.4 lose to a confident binary head unless neutral is weighted up; polar texts have P(neutral) 0.1.
    const texts = [...Array.from({ length: 4 }, () => text(1, 0.9, 0.4)), text(2, 0.9, 0.1), text(0, 0.1, 0.1)];
    expect(scoreDecision(texts, UNWEIGHTED_FUSION).recalls).toEqual([1, 0, 1]);
    const best = bestDecision(
      texts,
      decisionGrid().filter((d) => d.polarity === 'binary-head' && d.classWeights.positive === 1),
    );
    expect(best.scores.macroF1).toBe(1);
    // The smallest neutral weight that works (ties go to the smaller correction): 0.4w ≥ 0.6·0.9 → w ≥ 1.35, grid 2^(2/4).
    expect(best.decision.classWeights).toEqual({ negative: 1, neutral: 1.4142, positive: 1 });
  });

  it('the grid covers both polarity sources with weights 1 among them', () => {
    const grid = decisionGrid();
    const plain = (d: ThreeClassDecision) => d.classWeights.neutral === 1 && d.classWeights.positive === 1;
    expect(grid.filter(plain).map((d) => d.polarity)).toEqual(['binary-head', 'three-class-head']);
  });
});

import { multiclassScores } from './multiclass-scores';

describe('multiclassScores', () => {
  it('computes accuracy, macro-F1 and macro-recall over three classes', () => {
    // truth 0 0 1 1 2 2, predicted 0 1 1 1 2 0
    const s = multiclassScores([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], [0, 1, 2]);
    expect(s.accuracy).toBeCloseTo(4 / 6, 12);
    // recalls 0.5, 1, 0.5 → 2/3; precisions 0.5, 2/3, 1; F1s 0.5, 0.8, 2/3
    expect(s.macroRecall).toBeCloseTo(2 / 3, 12);
    expect(s.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
    expect(s.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
  });
});

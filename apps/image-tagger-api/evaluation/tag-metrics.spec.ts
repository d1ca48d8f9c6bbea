import { tagPrecisionRecall, topKRates } from './tag-metrics';

describe('tagPrecisionRecall', () => {
  it('counts hits, wrong tags and missed tags over all images', () => {
    const truth = [new Set(['person', 'dog']), new Set(['car'])];
    const predicted = [new Set(['person', 'cat']), new Set(['car', 'truck', 'bus'])];
    // TP 2 (person, car), FP 3 (cat, truck, bus), FN 1 (dog).
    const { precision, recall, f1 } = tagPrecisionRecall(truth, predicted);
    expect(precision).toBeCloseTo(2 / 5, 10);
    expect(recall).toBeCloseTo(2 / 3, 10);
    expect(f1).toBeCloseTo((2 * 0.4 * (2 / 3)) / (0.4 + 2 / 3), 10);
  });

  it('is 0 (not NaN) with no predictions, and refuses mismatched lengths', () => {
    expect(tagPrecisionRecall([new Set(['a'])], [new Set()])).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(() => tagPrecisionRecall([new Set(['a'])], [])).toThrow(/1 truths but 0/);
  });
});

describe('topKRates', () => {
  it('scores first place and the first five', () => {
    expect(
      topKRates(
        [1, 2, 3],
        [
          [1, 9],
          [9, 8, 7, 6, 2],
          [9, 8, 7, 6, 5, 3],
        ],
      ),
    ).toEqual({ top1: 1 / 3, top5: 2 / 3 });
  });
});

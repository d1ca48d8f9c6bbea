import { precisionRecallF1 } from './classification-precision-recall';

// Reference: sklearn.metrics.precision_recall_fscore_support docstring example.
const yTrue = ['cat', 'dog', 'pig', 'cat', 'dog', 'pig'];
const yPred = ['cat', 'pig', 'dog', 'cat', 'cat', 'dog'];

describe('precisionRecallF1', () => {
  const scores = precisionRecallF1(yTrue, yPred);

  it('gives the sklearn macro, micro and weighted averages', () => {
    expect(scores.macro.precision).toBeCloseTo(0.2222222, 6);
    expect(scores.macro.recall).toBeCloseTo(0.3333333, 6);
    expect(scores.macro.f1).toBeCloseTo(0.2666667, 6);
    expect(scores.micro.precision).toBeCloseTo(1 / 3, 10);
    expect(scores.micro.recall).toBeCloseTo(1 / 3, 10);
    expect(scores.micro.f1).toBeCloseTo(1 / 3, 10);
    expect(scores.weighted.precision).toBeCloseTo(0.2222222, 6);
    expect(scores.weighted.recall).toBeCloseTo(0.3333333, 6);
    expect(scores.weighted.f1).toBeCloseTo(0.2666667, 6);
  });

  it('gives per-class scores in the requested label order (average=None, labels=[pig, dog, cat])', () => {
    const perClass = precisionRecallF1(yTrue, yPred, { labels: ['pig', 'dog', 'cat'] }).perClass;
    expect(perClass.map((c) => c.label)).toEqual(['pig', 'dog', 'cat']);
    expect(perClass.map((c) => c.precision)).toEqual([0, 0, 2 / 3]);
    expect(perClass.map((c) => c.recall)).toEqual([0, 0, 1]);
    expect(perClass[2].f1).toBeCloseTo(0.8, 10);
    expect(perClass.map((c) => c.support)).toEqual([2, 2, 2]);
  });

  it('uses zero_division=0 for a class never predicted or never present', () => {
    // Hand-worked: 'a' predicted twice, right once, occurs twice → P ½, R ½, F1 ½;
    // 'b' is never predicted (precision 0/0 → 0); 'c' never occurs (recall 0/0 → 0).
    const s = precisionRecallF1(['a', 'b', 'a'], ['a', 'a', 'c']);
    const byLabel = Object.fromEntries(s.perClass.map((c) => [c.label, c]));
    expect(byLabel['a']).toEqual({ label: 'a', precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(byLabel['b']).toEqual({ label: 'b', precision: 0, recall: 0, f1: 0, support: 1 });
    expect(byLabel['c']).toEqual({ label: 'c', precision: 0, recall: 0, f1: 0, support: 0 });
    // Weighted by support (2, 1, 0): precision (0.5·2)/3.
    expect(s.weighted.precision).toBeCloseTo(1 / 3, 10);
  });

  it('counts predictions of labels outside a subset as misses for micro precision', () => {
    // Hand-worked: labels=[a]; tp=1, predicted a once, support of a = 2.
    const s = precisionRecallF1(['a', 'a', 'b'], ['a', 'b', 'b'], { labels: ['a'] });
    expect(s.micro).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
  });
});

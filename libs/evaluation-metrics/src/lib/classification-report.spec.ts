import { classificationReport } from './classification-report';

describe('classificationReport', () => {
  // Reference: sklearn.metrics.classification_report docstring example (values printed to 2 dp).
  const report = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1]);

  it('reproduces the sklearn per-class rows', () => {
    const rows = report.classes.map((c) => [c.label, +c.precision.toFixed(2), +c.recall.toFixed(2), +c.f1.toFixed(2), c.support]);
    expect(rows).toEqual([
      [0, 0.5, 1.0, 0.67, 1],
      [1, 0.0, 0.0, 0.0, 1],
      [2, 1.0, 0.67, 0.8, 3],
    ]);
  });

  it('reproduces accuracy and the macro / weighted averages', () => {
    expect(report.accuracy).toBe(0.6);
    expect([report.macroAvg.precision, report.macroAvg.recall, report.macroAvg.f1].map((v) => +v.toFixed(2))).toEqual([0.5, 0.56, 0.49]);
    expect([report.weightedAvg.precision, report.weightedAvg.recall, report.weightedAvg.f1].map((v) => +v.toFixed(2))).toEqual([0.7, 0.6, 0.61]);
    expect(report.macroAvg.support).toBe(5);
    expect(report.microAvg.f1).toBeCloseTo(report.accuracy, 12);
    expect(report.samples).toBe(5);
  });

  it('includes the confusion matrix in the same label order', () => {
    expect(report.confusionMatrix).toEqual({
      labels: [0, 1, 2],
      matrix: [
        [1, 0, 0],
        [1, 0, 0],
        [0, 1, 2],
      ],
    });
  });
});

import { argmax, calibrationBins, expectedCalibrationError } from './classification-calibration';

// Confidences 0.95 (right), 0.85 (wrong: predicts 0, truth 1), 0.65 (right), 0.55 (right).
const yTrue = [0, 1, 1, 0];
const probabilities = [
  [0.95, 0.05],
  [0.85, 0.15],
  [0.35, 0.65],
  [0.55, 0.45],
];

describe('expectedCalibrationError', () => {
  it('with the default 15 bins puts each sample in its own bin', () => {
    // Hand-worked: (|1−.95| + |0−.85| + |1−.65| + |1−.55|) / 4 = 1.7 / 4.
    expect(expectedCalibrationError(yTrue, probabilities)).toBeCloseTo(0.425, 12);
  });

  it('with 5 bins pools 0.95 and 0.85 into (0.8, 1]', () => {
    // Hand-worked: bin (0.8,1]: 2 samples, acc ½, conf 0.9 → ½·0.4; (0.6,0.8]: ¼·0.35; (0.4,0.6]: ¼·0.45.
    expect(expectedCalibrationError(yTrue, probabilities, { bins: 5 })).toBeCloseTo(0.2 + 0.0875 + 0.1125, 12);
    const bins = calibrationBins(yTrue, probabilities, { bins: 5 });
    expect(bins.map((b) => b.count)).toEqual([0, 0, 1, 1, 2]);
    expect(bins[4]).toMatchObject({ lower: 0.8, upper: 1, count: 2, accuracy: 0.5 });
    expect(bins[4].confidence).toBeCloseTo(0.9, 12);
    expect(bins[0]).toEqual({ lower: 0, upper: 0.2, count: 0, accuracy: 0, confidence: 0 });
  });

  it('is 0 for confident correct predictions', () => {
    expect(
      expectedCalibrationError(
        [0, 1],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toBe(0);
  });

  it('rejects bad bin counts and probability rows', () => {
    expect(() => expectedCalibrationError(yTrue, probabilities, { bins: 0 })).toThrow(/bins must be a positive integer/);
    expect(() => expectedCalibrationError([0], [[0.9, 0.2]])).toThrow(/sums to/);
  });
});

describe('argmax', () => {
  it('returns the first index on ties, like numpy', () => {
    expect(argmax([0.2, 0.4, 0.4])).toBe(1);
  });
});

import { assertClassIndices, assertPositiveInteger, assertProbabilityRows, assertSameLength } from './validation';

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Fraction of the bin's samples whose arg-max class is correct (0 for an empty bin). */
  accuracy: number;
  /** Mean max-probability of the bin's samples (0 for an empty bin). */
  confidence: number;
}

/** Index of the largest value; the first one wins ties (numpy.argmax). */
export function argmax(row: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/**
 * Reliability-diagram bins: confidence = max probability, prediction = its arg-max,
 * `bins` equal-width bins over [0, 1], each (lower, upper] (Guo et al. 2017, "On Calibration
 * of Modern Neural Networks"; a confidence of exactly 0 goes in the first bin).
 */
export function calibrationBins(yTrue: readonly number[], probabilities: readonly (readonly number[])[], options: { bins?: number } = {}): CalibrationBin[] {
  const binCount = options.bins ?? 15;
  assertPositiveInteger('calibrationBins', binCount, 'bins');
  assertSameLength('calibrationBins', yTrue, probabilities, 'labels/probability rows');
  const classes = assertProbabilityRows('calibrationBins', probabilities);
  assertClassIndices('calibrationBins', yTrue, classes);

  const counts = new Array<number>(binCount).fill(0);
  const correct = new Array<number>(binCount).fill(0);
  const confidenceSum = new Array<number>(binCount).fill(0);
  probabilities.forEach((row, i) => {
    const predicted = argmax(row);
    const confidence = row[predicted];
    const bin = Math.min(binCount - 1, Math.max(0, Math.ceil(confidence * binCount) - 1));
    counts[bin]++;
    confidenceSum[bin] += confidence;
    if (predicted === yTrue[i]) correct[bin]++;
  });
  return counts.map((count, b) => ({
    lower: b / binCount,
    upper: (b + 1) / binCount,
    count,
    accuracy: count === 0 ? 0 : correct[b] / count,
    confidence: count === 0 ? 0 : confidenceSum[b] / count,
  }));
}

/** ECE = Σ_b (|B_b| / n)·|accuracy(B_b) − confidence(B_b)| over `calibrationBins` (default 15 bins). */
export function expectedCalibrationError(yTrue: readonly number[], probabilities: readonly (readonly number[])[], options: { bins?: number } = {}): number {
  const bins = calibrationBins(yTrue, probabilities, options);
  return bins.reduce((sum, bin) => sum + (bin.count / yTrue.length) * Math.abs(bin.accuracy - bin.confidence), 0);
}

import { createRng } from './random';
import { assertNonEmpty, assertPositiveInteger, assertSameLength } from './validation';

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** 1 − confidence level (default 0.05 → a 95% interval). */
  alpha?: number;
  /** Seed for createRng, so a reported interval can be reproduced (default 0). */
  seed?: number;
}

export interface ConfidenceInterval {
  /** The metric on the full sample. */
  estimate: number;
  lower: number;
  upper: number;
  alpha: number;
  resamples: number;
}

/**
 * Percentile-bootstrap confidence interval for any metric over samples: resample the samples
 * with replacement, recompute the metric, and take the α/2 and 1 − α/2 quantiles (linear
 * interpolation, numpy.percentile's default). Resamples on which the metric throws (e.g. ROC-AUC
 * on a resample with one class) are an error rather than silently dropped.
 */
export function bootstrapCi<T>(samples: readonly T[], metric: (resample: readonly T[]) => number, options: BootstrapOptions = {}): ConfidenceInterval {
  const resamples = options.resamples ?? 1000;
  const alpha = options.alpha ?? 0.05;
  assertNonEmpty('bootstrapCi', samples);
  assertPositiveInteger('bootstrapCi', resamples, 'resamples');
  if (!(alpha > 0 && alpha < 1)) throw new Error(`bootstrapCi: alpha must be in (0, 1), got ${alpha}`);

  const rng = createRng(options.seed ?? 0);
  const values: number[] = [];
  const resample = new Array<T>(samples.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < samples.length; i++) resample[i] = samples[Math.floor(rng() * samples.length)];
    const value = metric(resample);
    if (!Number.isFinite(value)) throw new Error(`bootstrapCi: metric returned ${value} on resample ${r}`);
    values.push(value);
  }
  values.sort((a, b) => a - b);
  return {
    estimate: metric(samples),
    lower: quantile(values, alpha / 2),
    upper: quantile(values, 1 - alpha / 2),
    alpha,
    resamples,
  };
}

/**
 * Bootstrap CI for a metric of paired labels and predictions (or scores): resamples the pairs
 * together, e.g. `bootstrapPairedCi(yTrue, yPred, accuracy)`.
 */
export function bootstrapPairedCi<A, B>(
  yTrue: readonly A[],
  yPred: readonly B[],
  metric: (yTrue: readonly A[], yPred: readonly B[]) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  assertSameLength('bootstrapPairedCi', yTrue, yPred);
  const pairs = yTrue.map((t, i) => [t, yPred[i]] as const);
  return bootstrapCi(
    pairs,
    (resample) =>
      metric(
        resample.map((p) => p[0]),
        resample.map((p) => p[1]),
      ),
    options,
  );
}

/** q-quantile of ascending `sorted` with linear interpolation between order statistics. */
export function quantile(sorted: readonly number[], q: number): number {
  assertNonEmpty('quantile', sorted, 'values');
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

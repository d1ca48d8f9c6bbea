import { accuracy } from './classification';
import { bootstrapCi, bootstrapPairedCi, quantile } from './bootstrap';

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('quantile', () => {
  it('interpolates linearly like numpy.percentile', () => {
    // numpy.percentile([1, 2, 3, 4], 25) = 1.75; 50 → 2.5; 0 → 1; 100 → 4.
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });
});

describe('bootstrapCi', () => {
  const samples = Array.from({ length: 200 }, (_, i) => (i % 10) / 10); // mean 0.45, sd ≈ 0.287

  it('brackets the estimate, and the interval width is near 2·1.96·sd/√n', () => {
    const ci = bootstrapCi(samples, mean, { resamples: 2000, seed: 1 });
    expect(ci.estimate).toBeCloseTo(0.45, 12);
    expect(ci.lower).toBeLessThan(0.45);
    expect(ci.upper).toBeGreaterThan(0.45);
    // Normal approximation: 2 · 1.96 · 0.2872 / √200 ≈ 0.0796.
    expect(ci.upper - ci.lower).toBeGreaterThan(0.065);
    expect(ci.upper - ci.lower).toBeLessThan(0.095);
    expect(ci).toMatchObject({ alpha: 0.05, resamples: 2000 });
  });

  it('is reproducible from the seed and changes with it', () => {
    const a = bootstrapCi(samples, mean, { resamples: 200, seed: 7 });
    expect(bootstrapCi(samples, mean, { resamples: 200, seed: 7 })).toEqual(a);
    expect(bootstrapCi(samples, mean, { resamples: 200, seed: 8 })).not.toEqual(a);
  });

  it('narrows as alpha grows and collapses for constant samples', () => {
    const wide = bootstrapCi(samples, mean, { resamples: 500, alpha: 0.01, seed: 3 });
    const narrow = bootstrapCi(samples, mean, { resamples: 500, alpha: 0.5, seed: 3 });
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
    expect(bootstrapCi([2, 2, 2], mean, { resamples: 50 })).toMatchObject({ estimate: 2, lower: 2, upper: 2 });
  });

  it('rejects bad options, empty samples and non-finite metric values', () => {
    expect(() => bootstrapCi([], mean)).toThrow(/no samples/);
    expect(() => bootstrapCi([1], mean, { alpha: 1 })).toThrow(/alpha/);
    expect(() => bootstrapCi([1], mean, { resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapCi([1], () => NaN, { resamples: 5 })).toThrow(/returned NaN/);
  });
});

describe('bootstrapPairedCi', () => {
  it('resamples label/prediction pairs together', () => {
    // Predictions all correct: every resample has accuracy 1, so the interval is [1, 1].
    expect(bootstrapPairedCi([0, 1, 1, 0], [0, 1, 1, 0], accuracy, { resamples: 100 })).toMatchObject({ estimate: 1, lower: 1, upper: 1 });
    const ci = bootstrapPairedCi([0, 1, 1, 0, 1, 0, 1, 1], [0, 1, 0, 0, 1, 1, 1, 1], accuracy, { resamples: 500, seed: 2 });
    expect(ci.estimate).toBe(0.75);
    expect(ci.lower).toBeLessThan(0.75);
    expect(ci.upper).toBeLessThanOrEqual(1);
    expect(() => bootstrapPairedCi([0, 1], [0], accuracy)).toThrow(/length mismatch/);
  });
});

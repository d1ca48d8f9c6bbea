/**
 * Input checks shared by every metric. Metrics silently computed on misaligned or empty
 * inputs produce plausible-looking wrong numbers, so each metric fails loudly instead.
 */

export function assertSameLength(metric: string, a: { length: number }, b: { length: number }, what = 'labels/predictions'): void {
  if (a.length !== b.length) throw new Error(`${metric}: length mismatch in ${what} (${a.length} vs ${b.length})`);
}

export function assertNonEmpty(metric: string, a: { length: number }, what = 'samples'): void {
  if (a.length === 0) throw new Error(`${metric}: no ${what}`);
}

export function assertPositiveInteger(metric: string, value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${metric}: ${name} must be a positive integer, got ${value}`);
}

export function assertFiniteNumbers(metric: string, values: readonly number[], what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${metric}: ${what}[${i}] is not a finite number (${values[i]})`);
  }
}

/**
 * Rows must sum to 1 within this tolerance. Loose enough for float32 softmax outputs
 * (sklearn's own check uses rtol = sqrt(machine eps), ≈3.5e-4 for float32).
 */
export const PROBABILITY_SUM_TOLERANCE = 1e-4;

/** Every row has `columns` entries in [0, 1] summing to 1 (returns the column count). */
export function assertProbabilityRows(metric: string, rows: readonly (readonly number[])[], columns?: number): number {
  assertNonEmpty(metric, rows, 'probability rows');
  const width = columns ?? rows[0].length;
  if (width < 2) throw new Error(`${metric}: probability rows need at least 2 columns, got ${width}`);
  rows.forEach((row, i) => {
    if (row.length !== width) throw new Error(`${metric}: probability row ${i} has ${row.length} columns, expected ${width}`);
    let sum = 0;
    for (const p of row) {
      if (!Number.isFinite(p) || p < 0 || p > 1) throw new Error(`${metric}: probability row ${i} has a value outside [0, 1] (${p})`);
      sum += p;
    }
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      throw new Error(`${metric}: probability row ${i} sums to ${sum}, not 1 (pass softmax outputs, not logits)`);
    }
  });
  return width;
}

/** Class indices must be integers addressing a column of the probability rows. */
export function assertClassIndices(metric: string, yTrue: readonly number[], classes: number): void {
  yTrue.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new Error(`${metric}: yTrue[${i}] = ${y} is not a class index in [0, ${classes - 1}]`);
    }
  });
}

/** Binary targets as 0/1 numbers or booleans; returns them as booleans. */
export function toBinaryTargets(metric: string, yTrue: readonly (number | boolean)[]): boolean[] {
  return yTrue.map((y, i) => {
    if (y === true || y === 1) return true;
    if (y === false || y === 0) return false;
    throw new Error(`${metric}: yTrue[${i}] = ${String(y)} is not a binary label (0/1 or boolean)`);
  });
}

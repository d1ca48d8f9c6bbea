/**
 * Length bucketing for dynamic batching: a batch is padded to its longest row,
 * so batching requests of similar token length wastes little padding compute.
 * Pure functions; the gateway's scheduler decides when to run a batch.
 */

function assertTokenLengths(lengths: readonly number[]): void {
  lengths.forEach((length, i) => {
    if (!Number.isInteger(length) || length < 0) {
      throw new RangeError(`Length at index ${i} must be a non-negative integer, got ${length}`);
    }
  });
}

function assertBoundaries(boundaries: readonly number[]): void {
  if (boundaries.length === 0) throw new RangeError('Bucket boundaries must not be empty');
  boundaries.forEach((boundary, i) => {
    if (!Number.isInteger(boundary) || boundary <= 0) {
      throw new RangeError(`Bucket boundary ${boundary} must be a positive integer`);
    }
    if (i > 0 && boundary <= boundaries[i - 1]) {
      throw new RangeError(`Bucket boundaries must be strictly ascending, got ${boundaries.join(', ')}`);
    }
  });
}

/**
 * The smallest boundary that fits `length` (boundaries strictly ascending), or
 * null when the length exceeds the largest: the caller must truncate or refuse it.
 */
export function pickBucketBoundary(length: number, boundaries: readonly number[]): number | null {
  assertTokenLengths([length]);
  assertBoundaries(boundaries);
  return boundaries.find((boundary) => length <= boundary) ?? null;
}

export interface GroupByLengthOptions {
  /** Most requests in one batch. */
  maxBatchSize: number;
  /**
   * Optional bucket boundaries: a batch never mixes buckets (so each pads to at
   * most its boundary). Lengths above the largest boundary form a last bucket of their own.
   */
  boundaries?: readonly number[];
}

/**
 * Groups request indices into batches of at most `maxBatchSize`, each of similar
 * length: sorted by (bucket, length, index), then cut into consecutive runs.
 * Batches come shortest first; inside a batch indices are ordered by length, then index.
 */
export function groupIndicesByLength(lengths: readonly number[], options: GroupByLengthOptions): number[][] {
  const { maxBatchSize, boundaries } = options;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize <= 0) {
    throw new RangeError(`maxBatchSize must be a positive integer, got ${maxBatchSize}`);
  }
  assertTokenLengths(lengths);
  if (boundaries) assertBoundaries(boundaries);
  const bucketOf = (length: number): number => (boundaries ? (boundaries.find((boundary) => length <= boundary) ?? Infinity) : 0);

  const order = lengths.map((_, i) => i);
  order.sort((a, b) => bucketOf(lengths[a]) - bucketOf(lengths[b]) || lengths[a] - lengths[b] || a - b);

  const batches: number[][] = [];
  let current: number[] = [];
  let currentBucket = NaN;
  for (const index of order) {
    const bucket = bucketOf(lengths[index]);
    if (current.length === maxBatchSize || (current.length > 0 && bucket !== currentBucket)) {
      batches.push(current);
      current = [];
    }
    current.push(index);
    currentBucket = bucket;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export interface PaddingWaste {
  /** Every row padded to this length. */
  paddedLength: number;
  /** Sum of the real lengths. */
  realTokens: number;
  /** rows × paddedLength. */
  paddedTokens: number;
  /** paddedTokens − realTokens. */
  wastedTokens: number;
  /** wastedTokens / paddedTokens; 0 for an empty batch. */
  wasteRatio: number;
}

/**
 * Padding a batch costs: the token slots computed for nothing when every row is
 * padded to `paddedLength` (default: the longest row, i.e. dynamic padding).
 */
export function paddingWaste(lengths: readonly number[], paddedLength?: number): PaddingWaste {
  assertTokenLengths(lengths);
  const longest = lengths.reduce((max, length) => Math.max(max, length), 0);
  const padTo = paddedLength ?? longest;
  if (!Number.isInteger(padTo) || padTo < longest) {
    throw new RangeError(`paddedLength ${padTo} is shorter than the longest row (${longest})`);
  }
  const realTokens = lengths.reduce((sum, length) => sum + length, 0);
  const paddedTokens = lengths.length * padTo;
  const wastedTokens = paddedTokens - realTokens;
  return {
    paddedLength: padTo,
    realTokens,
    paddedTokens,
    wastedTokens,
    wasteRatio: paddedTokens === 0 ? 0 : wastedTokens / paddedTokens,
  };
}

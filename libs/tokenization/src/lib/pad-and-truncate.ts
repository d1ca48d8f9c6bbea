/** One encoded row before batching. */
export interface UnpaddedSequence {
  ids: readonly number[];
  /** Defaults to all zeros. */
  tokenTypeIds?: readonly number[];
}

/**
 * - `longest`: pad every row to the longest row of this batch (dynamic batching).
 * - `max_length`: pad every row to `maxLength` (fixed-shape models).
 * - `none`: leave rows ragged (e.g. USE's sparse inputs).
 */
export type PaddingStrategy = 'longest' | 'max_length' | 'none';

export interface PadAndTruncateOptions {
  /** Longest row allowed; Infinity for none. */
  maxLength: number;
  /**
   * true: cut longer rows to `maxLength` (flagged in `truncated`).
   * false: a longer row is an error. Never silent either way.
   */
  truncation: boolean;
  padding: PaddingStrategy;
  /** Required unless padding is `none` or no row is shorter than the padded length. */
  padTokenId: number | null;
}

export interface PaddedBatch {
  /** Padded on the right with the pad id. */
  inputIds: number[][];
  /** 1 for real tokens, 0 for padding. */
  attentionMask: number[][];
  /** Padding gets segment 0. */
  tokenTypeIds: number[][];
  /** Real (unpadded) tokens per row after truncation. */
  lengths: number[];
  /** Tokens per row before truncation. */
  originalLengths: number[];
  /** true where the row lost tokens to truncation. */
  truncated: boolean[];
  /** Length of every row when padded; the longest row when `padding` is `none`. */
  paddedLength: number;
}

function assertLength(name: string, value: number, allowInfinity: boolean): void {
  const ok = (allowInfinity && value === Infinity) || (Number.isInteger(value) && value > 0);
  if (!ok) throw new RangeError(`${name} must be a positive integer${allowInfinity ? ' or Infinity' : ''}, got ${value}`);
}

/**
 * Truncates (from the end, as transformers.js does: special tokens at the end are
 * cut too) and right-pads rows into a rectangular batch with attention masks.
 */
export function padAndTruncate(rows: readonly UnpaddedSequence[], options: PadAndTruncateOptions): PaddedBatch {
  const { maxLength, truncation, padding, padTokenId } = options;
  assertLength('maxLength', maxLength, true);
  if (padding === 'max_length' && maxLength === Infinity) {
    throw new RangeError("padding 'max_length' needs a finite maxLength");
  }

  const originalLengths = rows.map((row) => row.ids.length);
  const tooLong = originalLengths.flatMap((length, row) => (length > maxLength ? [row] : []));
  if (!truncation && tooLong.length > 0) {
    throw new RangeError(
      `Rows ${tooLong.join(', ')} exceed maxLength ${maxLength} (lengths ${tooLong.map((r) => originalLengths[r]).join(', ')}) and truncation is off`,
    );
  }
  const lengths = originalLengths.map((length) => Math.min(length, maxLength));
  const longest = lengths.reduce((max, length) => Math.max(max, length), 0);
  const paddedLength = padding === 'max_length' ? maxLength : longest;

  if (padding !== 'none' && padTokenId === null && lengths.some((length) => length < paddedLength)) {
    throw new Error('This tokenizer has no pad token: pass padTokenId or use padding "none"');
  }

  const inputIds: number[][] = [];
  const attentionMask: number[][] = [];
  const tokenTypeIds: number[][] = [];
  rows.forEach((row, r) => {
    const length = lengths[r];
    const padCount = padding === 'none' ? 0 : paddedLength - length;
    const types = row.tokenTypeIds ?? row.ids.map(() => 0);
    if (types.length !== row.ids.length) {
      throw new RangeError(`Row ${r}: ${types.length} token type ids for ${row.ids.length} ids`);
    }
    inputIds.push([...row.ids.slice(0, length), ...new Array<number>(padCount).fill(padTokenId ?? 0)]);
    attentionMask.push([...new Array<number>(length).fill(1), ...new Array<number>(padCount).fill(0)]);
    tokenTypeIds.push([...types.slice(0, length), ...new Array<number>(padCount).fill(0)]);
  });

  return {
    inputIds,
    attentionMask,
    tokenTypeIds,
    lengths,
    originalLengths,
    truncated: originalLengths.map((length, r) => length > lengths[r]),
    paddedLength,
  };
}

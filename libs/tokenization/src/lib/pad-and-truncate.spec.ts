import { padAndTruncate } from './pad-and-truncate';

describe('padAndTruncate', () => {
  const rows = [{ ids: [5, 6, 7] }, { ids: [8] }, { ids: [1, 2, 3, 4, 5], tokenTypeIds: [0, 0, 1, 1, 1] }];

  it('truncates to maxLength, flags the cut row and pads the rest on the right', () => {
    expect(padAndTruncate(rows, { maxLength: 4, truncation: true, padding: 'longest', padTokenId: 0 })).toEqual({
      inputIds: [
        [5, 6, 7, 0],
        [8, 0, 0, 0],
        [1, 2, 3, 4],
      ],
      attentionMask: [
        [1, 1, 1, 0],
        [1, 0, 0, 0],
        [1, 1, 1, 1],
      ],
      tokenTypeIds: [
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 1],
      ],
      lengths: [3, 1, 4],
      originalLengths: [3, 1, 5],
      truncated: [false, false, true],
      paddedLength: 4,
    });
  });

  it("pads to the batch's longest row, not to maxLength, with 'longest'", () => {
    const batch = padAndTruncate([{ ids: [5, 6] }, { ids: [7] }], {
      maxLength: 10,
      truncation: true,
      padding: 'longest',
      padTokenId: 9,
    });
    expect(batch.inputIds).toEqual([
      [5, 6],
      [7, 9],
    ]);
    expect(batch.attentionMask).toEqual([
      [1, 1],
      [1, 0],
    ]);
    expect(batch.truncated).toEqual([false, false]);
    expect(batch.paddedLength).toBe(2);
  });

  it("pads every row to maxLength with 'max_length'", () => {
    const batch = padAndTruncate([{ ids: [5, 6] }, { ids: [7] }], {
      maxLength: 4,
      truncation: true,
      padding: 'max_length',
      padTokenId: 0,
    });
    expect(batch.inputIds).toEqual([
      [5, 6, 0, 0],
      [7, 0, 0, 0],
    ]);
    expect(batch.attentionMask).toEqual([
      [1, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    expect(batch.paddedLength).toBe(4);
  });

  it("leaves rows ragged with 'none' (no pad id needed)", () => {
    const batch = padAndTruncate(rows, { maxLength: 4, truncation: true, padding: 'none', padTokenId: null });
    expect(batch.inputIds).toEqual([[5, 6, 7], [8], [1, 2, 3, 4]]);
    expect(batch.attentionMask).toEqual([[1, 1, 1], [1], [1, 1, 1, 1]]);
    expect(batch.truncated).toEqual([false, false, true]);
    expect(batch.paddedLength).toBe(4);
  });

  it('refuses to truncate when truncation is off, naming the rows', () => {
    expect(() => padAndTruncate(rows, { maxLength: 2, truncation: false, padding: 'longest', padTokenId: 0 })).toThrow(
      'Rows 0, 2 exceed maxLength 2 (lengths 3, 5) and truncation is off',
    );
  });

  it('needs a pad id only when some row is shorter', () => {
    const options = { maxLength: 8, truncation: true, padding: 'longest' as const, padTokenId: null };
    expect(() => padAndTruncate(rows, options)).toThrow('This tokenizer has no pad token');
    expect(padAndTruncate([{ ids: [1, 2] }, { ids: [3, 4] }], options).inputIds).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('rejects impossible lengths', () => {
    expect(() => padAndTruncate(rows, { maxLength: Infinity, truncation: true, padding: 'max_length', padTokenId: 0 })).toThrow(
      "padding 'max_length' needs a finite maxLength",
    );
    expect(() => padAndTruncate(rows, { maxLength: 0, truncation: true, padding: 'longest', padTokenId: 0 })).toThrow(RangeError);
    expect(() =>
      padAndTruncate([{ ids: [1, 2], tokenTypeIds: [0] }], {
        maxLength: 4,
        truncation: true,
        padding: 'longest',
        padTokenId: 0,
      }),
    ).toThrow('Row 0: 1 token type ids for 2 ids');
  });

  it('returns an empty batch for no rows and leaves its input untouched', () => {
    expect(padAndTruncate([], { maxLength: 4, truncation: true, padding: 'longest', padTokenId: 0 })).toEqual({
      inputIds: [],
      attentionMask: [],
      tokenTypeIds: [],
      lengths: [],
      originalLengths: [],
      truncated: [],
      paddedLength: 0,
    });
    padAndTruncate(rows, { maxLength: 2, truncation: true, padding: 'longest', padTokenId: 0 });
    expect(rows[2].ids).toEqual([1, 2, 3, 4, 5]);
  });
});

import { toUseSparseInputs } from './use-sparse-inputs';

describe('toUseSparseInputs', () => {
  it('lists (row, position) and id of every token, rows in batch order', () => {
    // "I like it." -> [16, 60, 21, 6], "" -> [], "▁a" -> [11] (ids from use-tokenizer.spec.ts).
    const inputs = toUseSparseInputs([[16, 60, 21, 6], [], [11]]);
    expect(Array.from(inputs.indices)).toEqual([0, 0, 0, 1, 0, 2, 0, 3, 2, 0]);
    expect(Array.from(inputs.values)).toEqual([16, 60, 21, 6, 11]);
    expect(inputs.indicesShape).toEqual([5, 2]);
    expect(inputs.valuesShape).toEqual([5]);
    expect(inputs.indices).toBeInstanceOf(Int32Array);
    expect(inputs.values).toBeInstanceOf(Int32Array);
  });

  it('gives an empty batch empty tensors', () => {
    const inputs = toUseSparseInputs([]);
    expect(inputs.indices.length).toBe(0);
    expect(inputs.indicesShape).toEqual([0, 2]);
  });

  it('refuses ids that int32 would silently wrap', () => {
    expect(() => toUseSparseInputs([[1, 2 ** 31]])).toThrow('Token id 2147483648 at row 0, position 1 is not a non-negative int32');
    expect(() => toUseSparseInputs([[1], [-1]])).toThrow('row 1, position 0');
    expect(() => toUseSparseInputs([[1.5]])).toThrow(RangeError);
  });
});

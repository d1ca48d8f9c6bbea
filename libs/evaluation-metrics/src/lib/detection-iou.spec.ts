import { iou } from './detection-iou';

describe('iou', () => {
  it('hand-worked overlaps of [x, y, w, h] boxes', () => {
    // Two 10×10 boxes offset by 5 in x: intersection 5×10 = 50, union 150.
    expect(iou([0, 0, 10, 10], [5, 0, 10, 10])).toBeCloseTo(1 / 3, 12);
    // Offset by 5 in both axes: 25 / 175.
    expect(iou([0, 0, 10, 10], [5, 5, 10, 10])).toBeCloseTo(25 / 175, 12);
    expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    // A box inside another: 4 / 100.
    expect(iou([0, 0, 10, 10], [2, 2, 2, 2])).toBeCloseTo(0.04, 12);
  });

  it('is 0 for disjoint or merely touching boxes', () => {
    expect(iou([0, 0, 10, 10], [10, 0, 10, 10])).toBe(0);
    expect(iou([0, 0, 1, 1], [5, 5, 1, 1])).toBe(0);
  });

  it('rejects negative sizes and malformed boxes', () => {
    expect(() => iou([0, 0, -1, 1], [0, 0, 1, 1])).toThrow(/non-negative size/);
    expect(() => iou([0, 0, 1] as unknown as [number, number, number, number], [0, 0, 1, 1])).toThrow(/\[x, y, w, h\]/);
  });
});

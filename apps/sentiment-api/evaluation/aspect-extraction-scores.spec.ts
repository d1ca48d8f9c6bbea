import { aspectExtractionScores } from './aspect-extraction-scores';

describe('aspectExtractionScores', () => {
  it('counts exact and overlapping matches against the gold spans', () => {
    const s = aspectExtractionScores([
      // gold: "battery life" [4, 16), "screen" [30, 36); found: "battery" [4, 11), "screen" [30, 36), "thing" [40, 45)
      {
        gold: [
          { start: 4, end: 16 },
          { start: 30, end: 36 },
        ],
        found: [
          { start: 4, end: 11 },
          { start: 30, end: 36 },
          { start: 40, end: 45 },
        ],
      },
      // the same gold aspect twice counts once; nothing found
      {
        gold: [
          { start: 0, end: 4 },
          { start: 0, end: 4 },
        ],
        found: [],
      },
    ]);
    expect([s.gold, s.found]).toEqual([3, 3]);
    expect(s.exact.precision).toBeCloseTo(1 / 3, 12);
    expect(s.exact.recall).toBeCloseTo(1 / 3, 12);
    expect(s.overlap.precision).toBeCloseTo(2 / 3, 12);
    expect(s.overlap.recall).toBeCloseTo(2 / 3, 12);
  });
});

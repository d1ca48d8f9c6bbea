import { catalogueCoverage } from './ranking-coverage';

describe('catalogueCoverage', () => {
  it('is the share of catalogue items recommended to anyone (hand-worked)', () => {
    // Distinct items a, b, c out of 5.
    expect(
      catalogueCoverage(
        [
          ['a', 'b'],
          ['b', 'c'],
        ],
        ['a', 'b', 'c', 'd', 'e'],
      ),
    ).toBeCloseTo(0.6, 12);
    expect(
      catalogueCoverage(
        [
          [1, 2],
          [2, 3],
        ],
        10,
      ),
    ).toBeCloseTo(0.3, 12);
  });

  it('only looks at the first k of each list when k is given', () => {
    expect(
      catalogueCoverage(
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        4,
        1,
      ),
    ).toBe(0.5);
  });

  it('rejects lists that name items outside the catalogue', () => {
    expect(() => catalogueCoverage([['a', 'z']], ['a', 'b'])).toThrow(/z is not in the catalogue/);
    expect(() => catalogueCoverage([['a', 'b', 'c']], 2)).toThrow(/3 distinct items/);
    expect(() => catalogueCoverage([], 2)).toThrow(/no recommendation lists/);
  });
});

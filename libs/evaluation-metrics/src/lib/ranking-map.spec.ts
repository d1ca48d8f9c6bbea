import { averagePrecisionAtK, mapAtK } from './ranking-map';
import { meanOverUsers } from './ranking-mean-over-users';
import { recommendersFixturePerfectUsers, recommendersFixtureUsers } from './ranking-recommenders-fixture.spec-data';

describe('averagePrecisionAtK / mapAtK', () => {
  it('hand-worked example with the default min(|relevant|, k) denominator', () => {
    // recommended [a,b,c,d], relevant {a,c,e}: hits at ranks 1 and 3 → 1/1 + 2/3; ÷ min(3, 3).
    expect(averagePrecisionAtK(['a', 'b', 'c', 'd'], new Set(['a', 'c', 'e']), 3)).toBeCloseTo((1 + 2 / 3) / 3, 12);
    // k = 2: only the hit at rank 1 counts; ÷ min(3, 2) = 2.
    expect(averagePrecisionAtK(['a', 'b', 'c', 'd'], new Set(['a', 'c', 'e']), 2)).toBe(0.5);
  });

  it("divides by |relevant| with denominator 'relevant' (Recommenders' map, older map_at_k)", () => {
    expect(averagePrecisionAtK(['a', 'b', 'c', 'd'], new Set(['a', 'c', 'e']), 2, { denominator: 'relevant' })).toBeCloseTo(1 / 3, 12);
  });

  it('matches Microsoft Recommenders map_at_k on their fixture: 0.23613 (and 1 for a perfect ranking)', () => {
    // Reference: recommenders-team/recommenders tests/unit/recommenders/evaluation/test_python_evaluation.py.
    // Every fixture user has ≤ 10 relevant items, so both denominators agree here, as in their test.
    expect(meanOverUsers(recommendersFixtureUsers, (r, rel) => mapAtK(r, rel, 10)).mean).toBeCloseTo(0.23613, 4);
    expect(meanOverUsers(recommendersFixtureUsers, (r, rel) => mapAtK(r, rel, 10, { denominator: 'relevant' })).mean).toBeCloseTo(0.23613, 4);
    expect(meanOverUsers(recommendersFixturePerfectUsers, (r, rel) => mapAtK(r, rel, 10)).mean).toBeCloseTo(1, 12);
  });

  it('rejects a user without relevant items', () => {
    expect(() => mapAtK(['a'], [], 1)).toThrow(/no relevant items/);
  });
});

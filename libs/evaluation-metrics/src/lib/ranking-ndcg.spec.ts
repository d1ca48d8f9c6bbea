import { meanOverUsers } from './ranking-mean-over-users';
import { ndcgAtK } from './ranking-ndcg';
import { recommendersFixturePerfectUsers, recommendersFixtureUsers } from './ranking-recommenders-fixture.spec-data';

describe('ndcgAtK', () => {
  it('binary relevance: hand-worked example', () => {
    // recommended [a,b,c,d], relevant {a,c,e}, k=3: DCG = 1/log2(2) + 1/log2(4) = 1.5;
    // ideal = 3 relevant items in the top 3: 1 + 1/log2(3) + 1/2 = 2.1309298 → 0.7039180.
    expect(ndcgAtK(['a', 'b', 'c', 'd'], new Set(['a', 'c', 'e']), 3)).toBeCloseTo(0.703918, 6);
  });

  it('takes the ideal DCG from the relevant set, capped at k', () => {
    // One relevant item ranked first: perfect, even though the list has misses after it.
    expect(ndcgAtK(['a', 'x', 'y'], ['a'], 3)).toBe(1);
    // Ideal for k=2 counts only 2 of the 3 relevant items: DCG 1/log2(3) over 1 + 1/log2(3).
    expect(ndcgAtK(['x', 'a'], ['a', 'b', 'c'], 2)).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 12);
    expect(ndcgAtK(['x', 'y'], ['a'], 2)).toBe(0);
  });

  it('graded relevance, raw and exponential gains (hand-worked)', () => {
    const relevant = new Map([
      ['a', 3],
      ['b', 1],
      ['e', 2],
    ]);
    // raw: DCG = 1/1 + 3/log2(3) = 2.8927893; IDCG = 3 + 2/log2(3) + 1/2 = 4.7618595 → 0.6074915.
    expect(ndcgAtK(['b', 'a', 'x'], relevant, 3)).toBeCloseTo(0.6074915, 6);
    // exp (2^r − 1 → a 7, b 1, e 3): DCG = 1 + 7/log2(3) = 5.4165083; IDCG = 7 + 3/log2(3) + 1/2 = 9.3927893 → 0.5766666.
    expect(ndcgAtK(['b', 'a', 'x'], relevant, 3, { gain: 'exp' })).toBeCloseTo(0.5766666, 6);
  });

  it('matches the Wikipedia DCG example used by Recommenders (raw gains, k = 6) → 0.785', () => {
    // Reference: Recommenders test_python_ndcg_at_k, from https://en.wikipedia.org/wiki/Discounted_cumulative_gain
    const ratings = [3, 2, 3, 0, 1, 2, 3, 2];
    const relevant = new Map(ratings.map((rating, item) => [item, rating]));
    expect(ndcgAtK([0, 1, 2, 3, 4, 5], relevant, 6)).toBeCloseTo(0.785, 3);
  });

  it('matches Microsoft Recommenders ndcg_at_k on their fixture: 0.38172 (and 1 for a perfect ranking)', () => {
    // Reference: recommenders-team/recommenders tests/unit/recommenders/evaluation/test_python_evaluation.py (binary score_type).
    const binary = (users: typeof recommendersFixtureUsers) =>
      meanOverUsers(users, (r, rel) => ndcgAtK(r, new Set(rel instanceof Map ? rel.keys() : rel), 10)).mean;
    expect(binary(recommendersFixtureUsers)).toBeCloseTo(0.38172, 4);
    expect(binary(recommendersFixturePerfectUsers)).toBeCloseTo(1, 12);
  });

  it('rejects users with no relevant items or no positive gain', () => {
    expect(() => ndcgAtK(['a'], [], 1)).toThrow(/no relevant items/);
    expect(() => ndcgAtK(['a'], new Map([['a', 0]]), 1)).toThrow(/no positive gain/);
    expect(() => ndcgAtK(['a'], new Map([['a', -1]]), 1)).toThrow(/non-negative/);
  });
});

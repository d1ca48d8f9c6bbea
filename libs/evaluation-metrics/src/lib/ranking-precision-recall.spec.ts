import { meanOverUsers } from './ranking-mean-over-users';
import { hitRateAtK, precisionAtK, recallAtK } from './ranking-precision-recall';
import { recommendersFixturePerfectUsers, recommendersFixtureUsers } from './ranking-recommenders-fixture.spec-data';

describe('precisionAtK / recallAtK / hitRateAtK (one user)', () => {
  // Hand-worked: top 3 of [a,b,c,d] = a,b,c; relevant {a,c,e} → 2 hits.
  const recommended = ['a', 'b', 'c', 'd'];
  const relevant = new Set(['a', 'c', 'e']);

  it('counts hits in the first k', () => {
    expect(precisionAtK(recommended, relevant, 3)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(recommended, relevant, 3)).toBeCloseTo(2 / 3, 12);
    expect(precisionAtK(recommended, relevant, 1)).toBe(1);
    expect(hitRateAtK(recommended, relevant, 1)).toBe(1);
    expect(hitRateAtK(['b', 'd'], relevant, 2)).toBe(0);
  });

  it('divides precision by k even when fewer than k items are recommended (Recommenders/Spark)', () => {
    // Recommenders' test: precision@5 with only 3 (all relevant) items is 3/5.
    expect(precisionAtK([1, 2, 3], [1, 2, 3], 5)).toBe(0.6);
  });

  it('divides recall by |relevant|, not min(|relevant|, k)', () => {
    expect(recallAtK(['a'], ['a', 'b', 'c', 'd'], 1)).toBe(0.25);
  });

  it('rejects bad k, duplicated recommendations and users without relevant items', () => {
    expect(() => precisionAtK(recommended, relevant, 0)).toThrow(/k must be a positive integer/);
    expect(() => precisionAtK(['a', 'a'], relevant, 2)).toThrow(/appears twice/);
    expect(() => recallAtK(recommended, new Set<string>(), 3)).toThrow(/no relevant items/);
  });
});

describe('Microsoft Recommenders reference values (test_python_evaluation.py, k = 10)', () => {
  it('precision@10 = 0.26666 and recall@10 = 0.37777', () => {
    expect(meanOverUsers(recommendersFixtureUsers, (r, rel) => precisionAtK(r, rel, 10)).mean).toBeCloseTo(0.26666, 4);
    expect(meanOverUsers(recommendersFixtureUsers, (r, rel) => recallAtK(r, rel, 10)).mean).toBeCloseTo(0.37777, 4);
  });

  it('precision@10 = 0.6 and recall@10 = 1 when the truth is its own prediction', () => {
    expect(meanOverUsers(recommendersFixturePerfectUsers, (r, rel) => precisionAtK(r, rel, 10)).mean).toBeCloseTo(0.6, 12);
    expect(meanOverUsers(recommendersFixturePerfectUsers, (r, rel) => recallAtK(r, rel, 10)).mean).toBe(1);
  });
});

import { meanOverUsers } from './ranking-mean-over-users';
import { precisionAtK } from './ranking-precision-recall';

describe('meanOverUsers', () => {
  it('averages over users with relevant items and reports those skipped', () => {
    const users = [
      { recommended: ['a', 'b'], relevant: ['a'] }, // precision@2 = 0.5
      { recommended: ['c', 'd'], relevant: ['c', 'd'] }, // 1
      { recommended: [], relevant: ['e'] }, // no recommendations: counts as 0
      { recommended: ['f'], relevant: [] }, // no relevant items: skipped
    ];
    expect(meanOverUsers(users, (r, rel) => precisionAtK(r, rel, 2))).toEqual({ mean: 0.5, users: 3, skipped: 1 });
  });

  it('throws when no user has relevant items', () => {
    expect(() => meanOverUsers([{ recommended: ['a'], relevant: new Set<string>() }], () => 1)).toThrow(/no user has any relevant item/);
  });
});

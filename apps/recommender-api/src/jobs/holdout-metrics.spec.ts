import { holdoutSplit } from './holdout-metrics';

describe('holdoutSplit', () => {
  const events = Array.from({ length: 30 }, (_, i) => ({ userId: `u${i % 3}`, itemId: `i${i}`, rating: null }));

  it('holds out the given share of each user’s interactions, reproducibly', () => {
    const { train, test } = holdoutSplit(events, 0.2, 42);
    for (const user of ['u0', 'u1', 'u2']) {
      expect(train.filter((e) => e.userId === user)).toHaveLength(8);
      expect(test.filter((e) => e.userId === user)).toHaveLength(2);
    }
    expect(holdoutSplit(events, 0.2, 42).test).toEqual(test);
    expect(new Set([...train, ...test].map((e) => e.itemId)).size).toBe(30);
  });

  it('keeps a user with a single interaction entirely in training', () => {
    const { train, test } = holdoutSplit([{ userId: 'solo', itemId: 'x', rating: 5 }], 0.5);
    expect([train.length, test.length]).toEqual([1, 0]);
  });
});

import { loadMovieLensRatings } from './ratings';
import { movieLens100kDir } from './movielens-100k';
import { join } from 'node:path';
import { Rating, RatingSplit } from './ratings';
import { stratifiedSplit } from './stratified-split';
import { temporalSplit } from './temporal-split';
import { trainCount } from './per-user-cut';

const ratings = loadMovieLensRatings(join(movieLens100kDir(), 'u.data'));

function countByUser(rows: readonly Rating[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.userId, (counts.get(r.userId) ?? 0) + 1);
  return counts;
}

const key = (r: Rating) => `${r.userId}:${r.itemId}`;

/** Train and test partition the input (u.data has one rating per user-item pair). */
function expectPartition(split: RatingSplit, all: readonly Rating[]): void {
  const trainKeys = new Set(split.train.map(key));
  expect(split.test.some((r) => trainKeys.has(key(r)))).toBe(false);
  expect(split.train.length + split.test.length).toBe(all.length);
  expect(new Set([...trainKeys, ...split.test.map(key)]).size).toBe(all.length);
}

/** Every user keeps floor(n * ratio) ratings for training, i.e. within one rating of n * ratio. */
function expectPerUserRatio(split: RatingSplit, all: readonly Rating[], trainRatio: number): void {
  const trainByUser = countByUser(split.train);
  for (const [userId, n] of countByUser(all)) {
    const train = trainByUser.get(userId) ?? 0;
    expect(train).toBe(Math.floor(n * trainRatio));
    expect(Math.abs(train - n * trainRatio)).toBeLessThan(1);
  }
}

describe('trainCount (Recommenders rank <= ratio rule)', () => {
  it('keeps floor(n * ratio), counting a rank exactly at the ratio as train', () => {
    // 10 ratings at 0.75: ranks 0.1..0.7 are train, 0.8 is not -> 7; 20 at 0.8: 16/20 = 0.8 -> 16.
    expect(trainCount(10, 0.75)).toBe(7);
    expect(trainCount(4, 0.75)).toBe(3);
    expect(trainCount(20, 0.8)).toBe(16);
    expect(trainCount(1, 0.75)).toBe(0);
  });
});

describe('stratifiedSplit on MovieLens 100K', () => {
  const split = stratifiedSplit(ratings);

  it('partitions the ratings 75/25 per user by default', () => {
    expectPartition(split, ratings);
    expectPerUserRatio(split, ratings, 0.75);
    // Sum over users of floor(0.75 n), worked out from u.data's per-user counts.
    expect(split.train).toHaveLength(74_646);
    // User 1 has 272 ratings -> 204 train, 68 test.
    expect(split.test.filter((r) => r.userId === 1)).toHaveLength(68);
  });

  it('is reproducible from the seed and independent of input order', () => {
    const again = stratifiedSplit(ratings.slice().reverse(), { seed: 42 });
    expect(again.test.map(key)).toEqual(split.test.map(key));
    const other = stratifiedSplit(ratings, { seed: 7 });
    expect(new Set(other.test.map(key))).not.toEqual(new Set(split.test.map(key)));
    expectPerUserRatio(other, ratings, 0.75);
  });

  it('honours another ratio and rejects ratios outside (0, 1)', () => {
    expectPerUserRatio(stratifiedSplit(ratings, { trainRatio: 0.5 }), ratings, 0.5);
    expect(() => stratifiedSplit(ratings, { trainRatio: 1 })).toThrow(RangeError);
  });
});

describe('temporalSplit on MovieLens 100K', () => {
  const split = temporalSplit(ratings);

  it('holds out each user’s latest 20% of ratings', () => {
    expectPartition(split, ratings);
    expectPerUserRatio(split, ratings, 0.8);
    expect(split.train).toHaveLength(79_619);
    const lastTrainTime = new Map<number, number>();
    for (const r of split.train) lastTrainTime.set(r.userId, Math.max(lastTrainTime.get(r.userId) ?? 0, r.timestamp));
    expect(split.test.every((r) => r.timestamp >= (lastTrainTime.get(r.userId) ?? Infinity))).toBe(true);
  });

  it('orders by time, breaking ties by item id', () => {
    const rows: Rating[] = [
      { userId: 1, itemId: 9, rating: 5, timestamp: 300 },
      { userId: 1, itemId: 2, rating: 4, timestamp: 100 },
      { userId: 1, itemId: 7, rating: 3, timestamp: 300 },
      { userId: 1, itemId: 5, rating: 2, timestamp: 200 },
    ];
    const { train, test } = temporalSplit(rows, { trainRatio: 0.5 });
    expect(train.map((r) => r.itemId)).toEqual([2, 5]);
    expect(test.map((r) => r.itemId)).toEqual([7, 9]);
  });
});

import { Relevance, relevantSet } from './ranking-common';

export interface UserRanking<T> {
  /** Recommended items, best first. */
  recommended: readonly T[];
  /** The user's held-out relevant items (set/array, or item → graded relevance). */
  relevant: Relevance<T>;
}

export interface MeanOverUsers {
  mean: number;
  /** Users that entered the mean. */
  users: number;
  /** Users left out because they have no relevant items. */
  skipped: number;
}

/**
 * Mean of a per-user ranking metric, e.g. `meanOverUsers(users, (r, rel) => ndcgAtK(r, rel, 10))`.
 * Like Recommenders, only users with at least one relevant (held-out) item count — a user
 * absent from their rating_true table is never evaluated — while a user with relevant items
 * but no hits counts as 0. (Recommenders also drops users with no recommendations for most
 * metrics; here such a user still counts, scoring 0, which is the honest choice for an
 * evaluate script that must recommend for every test user.)
 */
export function meanOverUsers<T>(users: readonly UserRanking<T>[], metric: (recommended: readonly T[], relevant: Relevance<T>) => number): MeanOverUsers {
  let sum = 0;
  let counted = 0;
  for (const user of users) {
    if (relevantSet(user.relevant).size === 0) continue;
    sum += metric(user.recommended, user.relevant);
    counted++;
  }
  if (counted === 0) throw new Error('meanOverUsers: no user has any relevant item');
  return { mean: sum / counted, users: counted, skipped: users.length - counted };
}

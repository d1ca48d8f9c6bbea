import { assertPositiveInteger } from './validation';

/** Items relevant to one user: a set (binary relevance) or item → graded gain. */
export type Relevance<T> = ReadonlySet<T> | readonly T[] | ReadonlyMap<T, number>;

/** The user's relevant items as a set, whatever form they were given in. */
export function relevantSet<T>(relevant: Relevance<T>): ReadonlySet<T> {
  if (relevant instanceof Set) return relevant;
  if (relevant instanceof Map) return new Set(relevant.keys());
  return new Set(relevant as readonly T[]);
}

/**
 * The first k recommendations, after checking k and that no item repeats
 * (a duplicated hit would be counted twice and inflate every metric).
 */
export function topK<T>(metric: string, recommended: readonly T[], k: number): readonly T[] {
  assertPositiveInteger(metric, k, 'k');
  const seen = new Set<T>();
  for (const item of recommended) {
    if (seen.has(item)) throw new Error(`${metric}: item ${String(item)} appears twice in the recommended list`);
    seen.add(item);
  }
  return recommended.slice(0, k);
}

/** Number of the first k recommendations that are relevant. */
export function hitsAtK<T>(metric: string, recommended: readonly T[], relevant: Relevance<T>, k: number): number {
  const rel = relevantSet(relevant);
  return topK(metric, recommended, k).filter((item) => rel.has(item)).length;
}

export function assertHasRelevant<T>(metric: string, relevant: ReadonlySet<T>): void {
  if (relevant.size === 0) throw new Error(`${metric}: the user has no relevant items (exclude such users; meanOverUsers does)`);
}

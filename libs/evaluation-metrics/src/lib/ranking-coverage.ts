import { assertNonEmpty, assertPositiveInteger } from './validation';

/**
 * Catalogue coverage: the share of the catalogue that appears in at least one user's top-k list.
 * `catalogue` is the item collection or its size. Items recommended but not in a given
 * catalogue collection are an input error (the lists and the catalogue disagree).
 */
export function catalogueCoverage<T>(recommendedLists: readonly (readonly T[])[], catalogue: Iterable<T> | number, k?: number): number {
  assertNonEmpty('catalogueCoverage', recommendedLists, 'recommendation lists');
  if (k !== undefined) assertPositiveInteger('catalogueCoverage', k, 'k');
  const shown = new Set<T>();
  for (const list of recommendedLists) for (const item of k === undefined ? list : list.slice(0, k)) shown.add(item);

  if (typeof catalogue === 'number') {
    assertPositiveInteger('catalogueCoverage', catalogue, 'catalogue size');
    if (shown.size > catalogue) throw new Error(`catalogueCoverage: ${shown.size} distinct items recommended but the catalogue has ${catalogue}`);
    return shown.size / catalogue;
  }
  const items = new Set(catalogue);
  assertNonEmpty('catalogueCoverage', { length: items.size }, 'catalogue items');
  for (const item of shown) if (!items.has(item)) throw new Error(`catalogueCoverage: recommended item ${String(item)} is not in the catalogue`);
  return shown.size / items.size;
}

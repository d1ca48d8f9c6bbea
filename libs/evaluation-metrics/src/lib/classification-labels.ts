/** Labels accepted by the classification metrics: class names or class ids. */
export type Label = string | number;

/**
 * Sorted unique labels of the given arrays — sklearn's default label order
 * (numbers ascending, strings in code-point order; numbers before strings if mixed).
 */
export function sortedUniqueLabels<T extends Label>(...arrays: readonly (readonly T[])[]): T[] {
  const unique = new Set<T>();
  for (const array of arrays) for (const label of array) unique.add(label);
  return [...unique].sort(compareLabels);
}

function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

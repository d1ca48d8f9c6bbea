/** Interactions per item (each user counted once per item), the cold-start fallback. */
export function itemPopularity(seen: readonly Int32Array[], items: number): Float32Array {
  const counts = new Float32Array(items);
  for (const list of seen) for (let a = 0; a < list.length; a++) counts[list[a]] += 1;
  return counts;
}

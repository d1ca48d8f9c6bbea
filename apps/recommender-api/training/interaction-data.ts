/** One user-item event as the trainers see it: dense indices, a value (a rating, or 1 for implicit). */
export interface IndexedInteraction {
  user: number;
  item: number;
  value: number;
}

/** Interactions indexed densely: external ids ↔ 0-based rows/columns, the layout every trainer takes. */
export interface InteractionData {
  userIds: string[];
  itemIds: string[];
  interactions: IndexedInteraction[];
}

export interface RawInteraction {
  userId: string;
  itemId: string;
  value: number;
}

/**
 * Indexes users and items in first-seen order of the sorted ids (so two runs on the same data give
 * the same indices); `itemUniverse` adds items that have no interaction (cold items still get a column).
 */
export function indexInteractions(rows: readonly RawInteraction[], itemUniverse: readonly string[] = []): InteractionData {
  const userIds = [...new Set(rows.map((r) => r.userId))].sort(compareIds);
  const itemIds = [...new Set([...rows.map((r) => r.itemId), ...itemUniverse])].sort(compareIds);
  const userIndex = new Map(userIds.map((id, i) => [id, i]));
  const itemIndex = new Map(itemIds.map((id, i) => [id, i]));
  return {
    userIds,
    itemIds,
    interactions: rows.map((r) => ({ user: userIndex.get(r.userId)!, item: itemIndex.get(r.itemId)!, value: r.value })),
  };
}

/** Numeric ids in numeric order ("2" before "10"), others lexically after them. */
export function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  const aNum = a !== '' && Number.isFinite(na);
  const bNum = b !== '' && Number.isFinite(nb);
  if (aNum && bNum) return na - nb || a.localeCompare(b);
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each user's item indices (deduplicated), for exclusion and implicit training. */
export function itemsByUser(data: Pick<InteractionData, 'userIds' | 'interactions'>): Int32Array[] {
  const sets = data.userIds.map(() => new Set<number>());
  for (const r of data.interactions) sets[r.user].add(r.item);
  return sets.map((s) => Int32Array.from([...s].sort((a, b) => a - b)));
}

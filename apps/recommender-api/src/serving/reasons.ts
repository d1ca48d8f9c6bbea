import type { ItemNeighbours } from '@matrix/recommender-model';

/** What the user did with an item, for "because you rated X" reasons. */
export interface UserEvent {
  itemId: string;
  type: string;
  value: number | null;
}

const VERB: Record<string, string> = { rating: 'rated', view: 'viewed', click: 'clicked', purchase: 'bought' };

/**
 * The user's item most similar (item-item kNN) to a recommended item, preferring strong signals:
 * similarity × (rating / 5 for ratings, 1 for purchases, 0.8 clicks, 0.6 views). Null when none of
 * the user's items has the recommended item among its neighbours.
 */
export function becauseOf(
  knn: ItemNeighbours,
  itemIndex: ReadonlyMap<string, number>,
  userEvents: readonly UserEvent[],
  recommended: number,
): { itemId: string; verb: string; value: number | null; similarity: number } | null {
  let best: { itemId: string; verb: string; value: number | null; similarity: number; weight: number } | null = null;
  for (const event of userEvents) {
    const j = itemIndex.get(event.itemId);
    if (j === undefined) continue;
    const hit = knn.neighbours[j]?.find(([n]) => n === recommended);
    if (!hit) continue;
    const strength = event.type === 'rating' ? (event.value ?? 3) / 5 : event.type === 'purchase' ? 1 : event.type === 'click' ? 0.8 : 0.6;
    const weight = hit[1] * strength;
    if (!best || weight > best.weight) best = { itemId: event.itemId, verb: VERB[event.type] ?? 'liked', value: event.value, similarity: hit[1], weight };
  }
  return best && { itemId: best.itemId, verb: best.verb, value: best.value, similarity: best.similarity };
}

/** "because you rated Star Wars (1977) 5★" / "because you viewed Fargo (1996)". */
export function becauseText(verb: string, title: string, value: number | null): string {
  return `because you ${verb} ${title}${verb === 'rated' && value !== null ? ` ${value}★` : ''}`;
}

/** "popular in Drama" (the item's category where it ranks best) or "popular overall". */
export function popularText(categories: readonly string[], rankInCategory: (category: string) => number): string {
  if (!categories.length) return 'popular overall';
  const best = [...categories].sort((a, b) => rankInCategory(a) - rankInCategory(b))[0];
  return `popular in ${best}`;
}

import type { DbClient } from '@matrix/db';
import type { TrainingEvent } from '@matrix/recommender-model';

const PAGE = 20_000;

/**
 * Every stored interaction as training input, read in pages: one row per user-item pair, whose
 * rating is the latest explicit rating of that pair (null when the pair has only implicit events).
 */
export async function loadTrainingEvents(db: DbClient): Promise<{ events: TrainingEvent[]; itemIds: string[]; texts: Map<string, string> }> {
  const pairs = new Map<string, TrainingEvent>();
  for (let cursor: string | undefined; ; ) {
    const rows = await db.recommenderInteraction.findMany({
      select: { id: true, userId: true, itemId: true, type: true, value: true, occurredAt: true },
      orderBy: { id: 'asc' },
      take: PAGE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const r of rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
      const key = `${r.userId}\u0000${r.itemId}`;
      const previous = pairs.get(key);
      const rating = r.type === 'rating' && r.value !== null ? r.value : (previous?.rating ?? null);
      pairs.set(key, { userId: r.userId, itemId: r.itemId, rating });
    }
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1].id;
  }
  const items = await db.recommenderItem.findMany({ select: { id: true, title: true, description: true } });
  return {
    events: [...pairs.values()],
    itemIds: items.map((i) => i.id),
    texts: new Map(
      items.map((i) => [i.id, i.description.trim() ? (i.description.includes(i.title) ? i.description : `${i.title}. ${i.description}`) : i.title]),
    ),
  };
}

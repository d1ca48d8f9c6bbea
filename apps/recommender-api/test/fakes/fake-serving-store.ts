import { notFound } from '@matrix/product-server';
import type { ItemView } from '../../src/catalog/catalog-views';
import type { UserEvent } from '../../src/serving/reasons';
import { ServingStore } from '../../src/serving/serving-store';

/** ServingStore in memory (no database), for unit specs. Events are listed oldest first. */
export class FakeServingStore extends ServingStore {
  readonly items = new Map<string, ItemView>();
  readonly events: Array<UserEvent & { userId: string }> = [];

  addItem(id: string, categories: string[], description = ''): void {
    this.items.set(id, { id, title: `Title ${id}`, description, categories, createdAt: '2026-01-01T00:00:00.000Z' });
  }

  addEvent(userId: string, itemId: string, type = 'view', value: number | null = null): void {
    this.events.push({ userId, itemId, type, value });
  }

  async history(userId: string, limit: number): Promise<UserEvent[]> {
    return this.events
      .filter((e) => e.userId === userId)
      .reverse()
      .slice(0, limit)
      .map(({ itemId, type, value }) => ({ itemId, type, value }));
  }

  async interactionCounts(): Promise<Map<string, number>> {
    const users = new Map<string, Set<string>>();
    for (const e of this.events) users.set(e.itemId, (users.get(e.itemId) ?? new Set()).add(e.userId));
    return new Map([...users].map(([itemId, set]) => [itemId, set.size]));
  }

  async itemCategories(): Promise<Map<string, string[]>> {
    return new Map([...this.items.values()].filter((i) => i.categories.length).map((i) => [i.id, i.categories]));
  }

  async itemIds(): Promise<string[]> {
    return [...this.items.keys()];
  }

  async item(id: string): Promise<ItemView> {
    const item = this.items.get(id);
    if (!item) throw notFound('item', id);
    return item;
  }

  async itemsByIds(ids: readonly string[]): Promise<Map<string, ItemView>> {
    return new Map(ids.flatMap((id) => (this.items.has(id) ? [[id, this.items.get(id) as ItemView] as const] : [])));
  }

  async itemIdsInCategory(category: string): Promise<Set<string>> {
    return new Set([...this.items.values()].filter((i) => i.categories.includes(category)).map((i) => i.id));
  }
}

import { Injectable } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import { InjectDb } from '@matrix/product-server';
import { CatalogStore } from '../catalog/catalog-store';
import type { ItemView } from '../catalog/catalog-views';
import type { UserEvent } from './reasons';

/**
 * Everything serving reads from the database: a user's history, popularity counts and the catalog
 * rows recommendations are described with. RecommendationService and PopularityIndex take this
 * abstract class (the Nest token), so their unit specs run on an in-memory fake.
 */
export abstract class ServingStore {
  /** The user's newest `limit` events, newest first. */
  abstract history(userId: string, limit: number): Promise<UserEvent[]>;
  /** Distinct users per item, from the stored events (popularity before any training). */
  abstract interactionCounts(): Promise<Map<string, number>>;
  /** Every item's categories. */
  abstract itemCategories(): Promise<Map<string, string[]>>;
  abstract itemIds(): Promise<string[]>;
  /** One item (404 when it does not exist). */
  abstract item(id: string): Promise<ItemView>;
  abstract itemsByIds(ids: readonly string[]): Promise<Map<string, ItemView>>;
  abstract itemIdsInCategory(category: string): Promise<Set<string>>;
}

/** The store on Prisma; catalog rows come through the CatalogStore. */
@Injectable()
export class PrismaServingStore extends ServingStore {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly catalog: CatalogStore,
  ) {
    super();
  }

  history(userId: string, limit: number): Promise<UserEvent[]> {
    return this.db.recommenderInteraction.findMany({
      where: { userId },
      orderBy: { occurredAt: 'desc' },
      take: limit,
      select: { itemId: true, type: true, value: true },
    });
  }

  async interactionCounts(): Promise<Map<string, number>> {
    const groups = await this.db.recommenderInteraction.groupBy({ by: ['itemId'], _count: { userId: true } });
    return new Map(groups.map((g) => [g.itemId, g._count.userId]));
  }

  async itemCategories(): Promise<Map<string, string[]>> {
    const categories = new Map<string, string[]>();
    for (const r of await this.db.recommenderItemCategory.findMany({ select: { itemId: true, category: true } })) {
      const list = categories.get(r.itemId);
      if (list) list.push(r.category);
      else categories.set(r.itemId, [r.category]);
    }
    return categories;
  }

  async itemIds(): Promise<string[]> {
    return (await this.db.recommenderItem.findMany({ select: { id: true } })).map((i) => i.id);
  }

  item(id: string): Promise<ItemView> {
    return this.catalog.item(id);
  }

  itemsByIds(ids: readonly string[]): Promise<Map<string, ItemView>> {
    return this.catalog.itemsByIds(ids);
  }

  itemIdsInCategory(category: string): Promise<Set<string>> {
    return this.catalog.itemIdsInCategory(category);
  }
}

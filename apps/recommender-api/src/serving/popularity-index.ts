import { Injectable } from '@nestjs/common';
import { ActiveModelService } from '../model/active-model.service';
import { ServingStore } from './serving-store';

/** Item popularity (best first) and categories, for cold start, "popular in Y" reasons and filters. */
export interface PopularityView {
  /** Item ids, most popular first. */
  order: string[];
  counts: Map<string, number>;
  categories: Map<string, string[]>;
  /** Rank (0 = most popular) of an item within one of its categories. */
  rankInCategory(itemId: string, category: string): number;
}

const TTL_MS = 30_000;

/**
 * Popularity from the served version (its training counts) or, before any training, from the
 * stored interactions; cached for 30 s (or until the version changes).
 */
@Injectable()
export class PopularityIndex {
  private cached?: { key: string; at: number; view: PopularityView };

  constructor(
    private readonly store: ServingStore,
    private readonly models: ActiveModelService,
  ) {}

  async view(): Promise<PopularityView> {
    const model = this.models.current();
    const key = model?.manifest.version ?? 'database';
    if (this.cached && this.cached.key === key && Date.now() - this.cached.at < TTL_MS) return this.cached.view;
    const counts = model ? new Map(model.manifest.itemIds.map((id, i) => [id, model.manifest.popularity[i]])) : await this.store.interactionCounts();
    const categories = await this.store.itemCategories();
    const order = (await this.store.itemIds()).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1));
    const ranks = new Map<string, Map<string, number>>();
    for (const id of order) {
      for (const category of categories.get(id) ?? []) {
        const byCategory = ranks.get(category) ?? new Map<string, number>();
        byCategory.set(id, byCategory.size);
        ranks.set(category, byCategory);
      }
    }
    const view: PopularityView = { order, counts, categories, rankInCategory: (itemId, category) => ranks.get(category)?.get(itemId) ?? Infinity };
    this.cached = { key, at: Date.now(), view };
    return view;
  }
}

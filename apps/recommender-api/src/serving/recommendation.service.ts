import { Inject, Injectable } from '@nestjs/common';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { ApiError } from '@matrix/product-server';
import { l2Normalise, predictRating } from '@matrix/recommender-model';
import { RECOMMENDER_CONFIG, type RecommenderConfig } from '../config/recommender-config';
import { ActiveModelService, type ServingModel } from '../model/active-model.service';
import { PopularityIndex, type PopularityView } from './popularity-index';
import { becauseOf, becauseText, popularText, type UserEvent } from './reasons';
import { ServingStore } from './serving-store';
import type { RecommendedItem, Recommendations, Strategy } from '@matrix/recommender-contract';

export interface RecommendOptions {
  k: number;
  exclude: string[];
  category?: string;
}

interface Scored {
  itemId: string;
  score: number;
  reason?: string;
  becauseItemId?: string;
}

const HISTORY = 2000;
/** Most of a user's recent items embedded for content-based cold start. */
const CONTENT_HISTORY = 20;

/**
 * Top-k for a user and similar items. A user with history on items the model knows is ranked by
 * the gateway (item-ranking model: EASE's x_u·B, or BPR factors), seen and filtered items excluded;
 * a user whose items are all newer than the model gets content-based picks (gateway embeddings of
 * item texts); anyone else gets popularity. Each item says why; results are topped up with popular
 * items when filters leave fewer than k.
 */
@Injectable()
export class RecommendationService {
  constructor(
    private readonly store: ServingStore,
    private readonly gateway: GatewayClient,
    private readonly models: ActiveModelService,
    private readonly popularity: PopularityIndex,
    @Inject(RECOMMENDER_CONFIG) private readonly config: RecommenderConfig,
  ) {}

  async forUser(userId: string, options: RecommendOptions): Promise<Recommendations> {
    const model = this.models.current();
    const events = await this.store.history(userId, HISTORY);
    const allowed = options.category ? await this.store.itemIdsInCategory(options.category) : null;
    const excluded = new Set([...events.map((e) => e.itemId), ...options.exclude]);
    const keep = (itemId: string) => !excluded.has(itemId) && (!allowed || allowed.has(itemId));
    let strategy: Strategy = 'popularity';
    let picked: Scored[] = [];
    const known = model ? events.filter((e) => model.itemIndex.has(e.itemId)) : [];
    if (model && known.length && (model.manifest.ranker === 'ease' || model.userIndex.has(userId))) {
      strategy = 'personalised';
      picked = await this.rankWithGateway(model, userId, known, keep, options.k);
    } else if (model?.content && this.config.embeddingModel && events.length) {
      strategy = 'content';
      picked = await this.contentNeighbours(
        model,
        events.slice(0, CONTENT_HISTORY).map((e) => e.itemId),
        keep,
        options.k,
      );
    }
    const popular = await this.popularity.view();
    if (picked.length < options.k) {
      const have = new Set(picked.map((p) => p.itemId));
      for (const itemId of popular.order) {
        if (picked.length >= options.k) break;
        if (keep(itemId) && !have.has(itemId)) picked.push({ itemId, score: popular.counts.get(itemId) ?? 0 });
      }
    }
    const items = await this.describe(picked, model, popular, userId, events, options.category);
    return { userId, strategy, modelVersion: model?.manifest.version ?? null, items };
  }

  async similar(itemId: string, options: RecommendOptions): Promise<Recommendations> {
    const item = await this.store.item(itemId);
    const model = this.models.current();
    const allowed = options.category ? await this.store.itemIdsInCategory(options.category) : null;
    const excluded = new Set([itemId, ...options.exclude]);
    const keep = (id: string) => !excluded.has(id) && (!allowed || allowed.has(id));
    const index = model?.itemIndex.get(itemId);
    let strategy: Strategy = 'popularity';
    let picked: Scored[] = [];
    const neighbours = model && index !== undefined ? model.knn.neighbours[index] : [];
    if (model && neighbours.length) {
      strategy = 'item-knn';
      picked = neighbours
        .map(([j, s]) => ({
          itemId: model.manifest.itemIds[j],
          score: s,
          reason: `people who liked ${item.title} also liked this (similarity ${s.toFixed(2)})`,
        }))
        .filter((p) => keep(p.itemId))
        .slice(0, options.k);
    } else if (model?.content && this.config.embeddingModel) {
      strategy = 'content';
      picked = await this.contentNeighbours(model, [itemId], keep, options.k);
    }
    const popular = await this.popularity.view();
    if (picked.length < options.k) {
      // Cold item without content: the most popular items of its categories, then overall.
      const categories = new Set(item.categories);
      const have = new Set(picked.map((p) => p.itemId));
      const inCategory = popular.order.filter((id) => (popular.categories.get(id) ?? []).some((c) => categories.has(c)));
      for (const id of [...inCategory, ...popular.order]) {
        if (picked.length >= options.k) break;
        if (!keep(id) || have.has(id)) continue;
        have.add(id);
        picked.push({ itemId: id, score: popular.counts.get(id) ?? 0 });
      }
    }
    const items = await this.describe(picked, model, popular, undefined, [], options.category);
    return { itemId, strategy, modelVersion: model?.manifest.version ?? null, items };
  }

  async popular(options: RecommendOptions): Promise<Recommendations> {
    const popular = await this.popularity.view();
    const allowed = options.category ? await this.store.itemIdsInCategory(options.category) : null;
    const exclude = new Set(options.exclude);
    const picked = popular.order
      .filter((id) => !exclude.has(id) && (!allowed || allowed.has(id)))
      .slice(0, options.k)
      .map((id) => ({ itemId: id, score: popular.counts.get(id) ?? 0 }));
    return {
      strategy: 'popularity',
      modelVersion: this.models.current()?.manifest.version ?? null,
      items: await this.describe(picked, this.models.current(), popular, undefined, [], options.category),
    };
  }

  private async rankWithGateway(model: ServingModel, userId: string, known: UserEvent[], keep: (id: string) => boolean, k: number): Promise<Scored[]> {
    const { ranker, itemIds, rankerInputWidth } = model.manifest;
    let vector: number[];
    if (ranker === 'ease') {
      vector = new Array<number>(rankerInputWidth).fill(0);
      for (const e of known) vector[model.itemIndex.get(e.itemId)!] = 1;
    } else {
      const u = model.userIndex.get(userId)!;
      vector = Array.from(model.bprUserFactors!.subarray(u * rankerInputWidth, (u + 1) * rankerInputWidth));
    }
    const exclude: number[] = [];
    itemIds.forEach((id, i) => keep(id) || exclude.push(i));
    const call = () => this.gateway.rankItems(this.config.rankerModel, [{ vector, exclude }], { topK: k, version: model.manifest.version });
    let result;
    try {
      result = await call();
    } catch (error) {
      if (!(error instanceof GatewayError) || error.status !== 404) throw gatewayUnavailable(error);
      // The gateway restarted or evicted the ranker: register it again, once.
      await this.models.serveAgain();
      result = await call().catch((again) => {
        throw gatewayUnavailable(again);
      });
    }
    return result.results[0].items.map((r) => ({ itemId: itemIds[r.index], score: r.score }));
  }

  /** Mean of the (L2-normalised) text embeddings of `itemIds`, then the nearest model items by cosine. */
  private async contentNeighbours(model: ServingModel, itemIds: string[], keep: (id: string) => boolean, k: number): Promise<Scored[]> {
    const content = model.content!;
    const d = model.manifest.content!.dimensions;
    const query = new Float32Array(d);
    const missing: string[] = [];
    for (const id of itemIds) {
      const i = model.itemIndex.get(id);
      if (i === undefined) missing.push(id);
      else for (let f = 0; f < d; f++) query[f] += content[i * d + f];
    }
    const sources = await this.store.itemsByIds(itemIds);
    if (missing.length) {
      const texts = missing
        .map((id) => sources.get(id))
        .filter((x) => x !== undefined)
        .map((x) => (x.description.trim() ? `${x.title}. ${x.description}` : x.title));
      if (texts.length) {
        const embedded = await this.gateway.embed(texts, { model: this.config.embeddingModel! }).catch((error) => {
          throw gatewayUnavailable(error);
        });
        if (embedded.dimensions !== d)
          throw new ApiError(
            503,
            'model_mismatch',
            `the gateway's ${embedded.model} gives ${embedded.dimensions}-d embeddings but the model version has ${d}-d ones: retrain`,
          );
        for (const row of embedded.embeddings) {
          const unit = l2Normalise(Float32Array.from(row));
          for (let f = 0; f < d; f++) query[f] += unit[f];
        }
      }
    }
    const scores: Scored[] = [];
    const n = model.manifest.itemIds.length;
    for (let i = 0; i < n; i++) {
      const id = model.manifest.itemIds[i];
      if (!keep(id)) continue;
      let dot = 0;
      for (let f = 0; f < d; f++) dot += query[f] * content[i * d + f];
      scores.push({ itemId: id, score: dot });
    }
    scores.sort((a, b) => b.score - a.score);
    const titles = [...sources.values()]
      .slice(0, 2)
      .map((s) => s.title)
      .join(' and ');
    return scores.slice(0, k).map((s) => ({ ...s, reason: `similar description to ${titles || 'what you looked at'}` }));
  }

  private async describe(
    picked: Scored[],
    model: ServingModel | null,
    popular: PopularityView,
    userId: string | undefined,
    events: UserEvent[],
    category?: string,
  ): Promise<RecommendedItem[]> {
    const because =
      model && events.length ? picked.map((p) => (p.reason ? null : becauseOf(model.knn, model.itemIndex, events, model.itemIndex.get(p.itemId) ?? -1))) : [];
    const items = await this.store.itemsByIds([...picked.map((p) => p.itemId), ...because.flatMap((b) => (b ? [b.itemId] : []))]);
    const u = userId !== undefined ? model?.userIndex.get(userId) : undefined;
    // An item the model knows but the database no longer has (deleted, or a model trained elsewhere) is left out.
    return picked.flatMap((p, i) => {
      const item = items.get(p.itemId);
      if (!item) return [];
      const b = because[i];
      const reason =
        p.reason ??
        (b
          ? becauseText(b.verb, items.get(b.itemId)?.title ?? b.itemId, b.value)
          : popularText(category ? [category] : item.categories, (c) => popular.rankInCategory(p.itemId, c)));
      const j = model?.itemIndex.get(p.itemId);
      const predicted = model?.mf && u !== undefined && j !== undefined ? Math.round(predictRating(model.mf, u, j) * 100) / 100 : undefined;
      return [
        {
          itemId: p.itemId,
          title: item.title,
          categories: item.categories,
          score: Math.round(p.score * 1e4) / 1e4,
          reason,
          ...(b ? { becauseItemId: b.itemId } : {}),
          ...(predicted !== undefined ? { predictedRating: predicted } : {}),
        },
      ];
    });
  }
}

function gatewayUnavailable(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const status = error instanceof GatewayError && error.status === 400 ? 500 : 503;
  return new ApiError(
    status,
    'gateway_unavailable',
    `the inference gateway could not rank: ${(error as Error).message}`,
    undefined,
    status === 503 ? { 'retry-after': '5' } : undefined,
  );
}

import { GatewayClient, GatewayError, type RankItemsResponse, type RankQuery } from '@matrix/gateway-client';
import { FakeServingStore } from '../../test/fakes/fake-serving-store';
import type { RecommenderConfig } from '../config/recommender-config';
import type { ActiveModelService, ServingModel } from '../model/active-model.service';
import { PopularityIndex } from './popularity-index';
import { RecommendationService } from './recommendation.service';

const config: RecommenderConfig = {
  rankerModel: 'recommender-ranker',
  embeddingModel: null,
  modelDir: '/tmp/none',
  maxImportRows: 100,
  eventWindow: { earliest: new Date(0), maxFutureHours: 24 },
};
const ITEMS = ['i1', 'i2', 'i3', 'i4', 'i5'];

/** An EASE model over i1..i5: i1's kNN neighbours are i2 (0.9) and i3 (0.5); training popularity favours i5. */
function easeModel(): ServingModel {
  return {
    manifest: {
      version: 'v1',
      createdAt: '2026-01-01T00:00:00.000Z',
      ranker: 'ease',
      rankerInputWidth: ITEMS.length,
      userIds: ['u1'],
      itemIds: ITEMS,
      popularity: [1, 2, 3, 4, 5],
      counts: { users: 1, items: 5, interactions: 1, ratings: 1 },
      seconds: {},
      metrics: {},
      params: {},
      mf: null,
      bprFactors: 0,
      content: null,
    },
    knn: {
      neighbours: [
        [
          [1, 0.9],
          [2, 0.5],
        ],
        [[0, 0.9]],
        [[0, 0.5]],
        [],
        [],
      ],
    },
    mf: null,
    bprUserFactors: null,
    content: null,
    rankerFiles: () => ({}),
    itemIndex: new Map(ITEMS.map((id, i) => [id, i])),
    userIndex: new Map([['u1', 0]]),
  };
}

function setup(model: ServingModel | null) {
  const store = new FakeServingStore();
  store.addItem('i1', ['Drama']);
  store.addItem('i2', ['Drama']);
  store.addItem('i3', ['Comedy']);
  store.addItem('i4', ['Comedy']);
  store.addItem('i5', ['Drama']);
  // Stored popularity (before training): i2 by 3 users, i3 by 2, i4 by 1.
  for (const user of ['a', 'b', 'c']) store.addEvent(user, 'i2');
  for (const user of ['a', 'b']) store.addEvent(user, 'i3');
  store.addEvent('a', 'i4');
  const served = { ensured: 0 };
  const models = {
    current: () => model,
    serveAgain: async () => {
      served.ensured++;
    },
  } as unknown as ActiveModelService;
  const ranked: RankQuery[] = [];
  const gatewayAnswers: Array<RankItemsResponse | GatewayError> = [];
  const gateway = {
    rankItems: async (_model: string, queries: RankQuery[]): Promise<RankItemsResponse> => {
      ranked.push(...queries);
      const answer = gatewayAnswers.shift() ?? { model: 'recommender-ranker', version: 'v1', items: ITEMS.length, results: [{ items: [] }] };
      if (answer instanceof GatewayError) throw answer;
      return answer;
    },
  } as unknown as GatewayClient;
  const service = new RecommendationService(store, gateway, models, new PopularityIndex(store, models), config);
  return { store, service, served, ranked, gatewayAnswers };
}

describe('RecommendationService', () => {
  it('cold start: the most popular items the user has not seen, excluded ones left out, each with its category', async () => {
    const { service, store } = setup(null);
    store.addEvent('u1', 'i2', 'click');
    const result = await service.forUser('u1', { k: 3, exclude: ['i4'] });
    expect(result).toMatchObject({ userId: 'u1', strategy: 'popularity', modelVersion: null });
    expect(result.items.map((i) => [i.itemId, i.score, i.reason])).toEqual([
      ['i3', 2, 'popular in Comedy'],
      ['i1', 0, 'popular in Drama'],
      ['i5', 0, 'popular in Drama'],
    ]);
    const comedy = await service.forUser('u1', { k: 3, exclude: [], category: 'Comedy' });
    expect(comedy.items.map((i) => i.itemId)).toEqual(['i3', 'i4']);
  });

  it('ranks a known user through the gateway without seen items, says why, and tops up with popular items', async () => {
    const { service, store, ranked, gatewayAnswers } = setup(easeModel());
    store.addEvent('u1', 'i1', 'rating', 5);
    gatewayAnswers.push({ model: 'recommender-ranker', version: 'v1', items: 5, results: [{ items: [{ index: 1, score: 0.73456 }] }] });
    const result = await service.forUser('u1', { k: 2, exclude: ['i4'] });
    expect(ranked).toEqual([{ vector: [1, 0, 0, 0, 0], exclude: [0, 3] }]);
    expect(result).toMatchObject({ strategy: 'personalised', modelVersion: 'v1' });
    expect(result.items).toEqual([
      { itemId: 'i2', title: 'Title i2', categories: ['Drama'], score: 0.7346, reason: 'because you rated Title i1 5★', becauseItemId: 'i1' },
      // Topped up by the served version's popularity (i5 first).
      { itemId: 'i5', title: 'Title i5', categories: ['Drama'], score: 5, reason: 'popular in Drama' },
    ]);
  });

  it('registers the ranker again, once, when the gateway no longer has it', async () => {
    const { service, store, served, gatewayAnswers } = setup(easeModel());
    store.addEvent('u1', 'i1');
    gatewayAnswers.push(new GatewayError('no such model', 404, 'model_not_found'));
    gatewayAnswers.push({ model: 'recommender-ranker', version: 'v1', items: 5, results: [{ items: [{ index: 2, score: 0.5 }] }] });
    const result = await service.forUser('u1', { k: 1, exclude: [] });
    expect(served.ensured).toBe(1);
    expect(result.items.map((i) => i.itemId)).toEqual(['i3']);
    gatewayAnswers.push(new GatewayError('overloaded', 503, 'queue_full'));
    await expect(service.forUser('u1', { k: 1, exclude: [] })).rejects.toMatchObject({ status: 503, code: 'gateway_unavailable' });
  });

  it('similar items: kNN neighbours with their similarity, filters applied', async () => {
    const { service } = setup(easeModel());
    const result = await service.similar('i1', { k: 2, exclude: ['i2'] });
    expect(result).toMatchObject({ itemId: 'i1', strategy: 'item-knn' });
    expect(result.items.map((i) => [i.itemId, i.reason])).toEqual([
      ['i3', 'people who liked Title i1 also liked this (similarity 0.50)'],
      ['i5', 'popular in Drama'],
    ]);
  });

  it('similar items of an item the model does not know: popular items of its categories first', async () => {
    const { service, store } = setup(null);
    store.addItem('new', ['Comedy']);
    const result = await service.similar('new', { k: 3, exclude: [] });
    expect(result.strategy).toBe('popularity');
    expect(result.items.map((i) => i.itemId)).toEqual(['i3', 'i4', 'i2']);
    await expect(service.similar('missing', { k: 3, exclude: [] })).rejects.toMatchObject({ status: 404 });
  });
});

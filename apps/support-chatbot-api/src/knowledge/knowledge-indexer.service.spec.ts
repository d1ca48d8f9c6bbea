import { knowledgeParts } from '../../test/fakes/knowledge-parts';

describe('KnowledgeIndexer', () => {
  it('loads every embedded article into the vector index at start, and leaves pending ones out', async () => {
    const { store, indexer, readiness } = knowledgeParts();
    store.seed({ slug: 'cards', intent: 'card_arrival' }, Float32Array.of(1, 0));
    store.seed({ slug: 'waiting' }, null);
    indexer.onModuleInit();
    await indexer.start();
    indexer.onApplicationShutdown();
    const hits = await indexer.search(Float32Array.of(1, 0), { k: 5 });
    expect(hits.map((h) => [h.chunkId, h.intent, h.score])).toEqual([['a1-c0', 'card_arrival', 1]]);
    expect(indexer.indexKind()).toBe('memory');
    expect((await readiness.report()).checks['knowledge-base']).toMatchObject({
      ok: true,
      detail: '1 passages in the memory index, 1 articles waiting to be embedded',
    });
  });

  it("follows another replica's writes (in-process index): reloads only the changed articles when the watermark moves, drops deleted ones", async () => {
    const { store, indexer } = knowledgeParts();
    const kept = store.seed({ slug: 'kept' }, Float32Array.of(1, 0));
    const edited = store.seed({ slug: 'edited' }, Float32Array.of(0, 1));
    const deleted = store.seed({ slug: 'deleted' }, Float32Array.of(-1, 0));
    await indexer.start();
    indexer.onApplicationShutdown();
    const indexable = jest.spyOn(store, 'indexable');
    expect(await indexer.syncWithStore()).toBe(0); // nothing changed: one watermark read, no article read
    expect(indexable).not.toHaveBeenCalled();

    // Another replica adds one article, re-embeds one and deletes one.
    const added = store.seed({ slug: 'added' }, Float32Array.of(0.6, 0.8));
    store.articles.set(edited.id, { ...edited, updatedAt: '2026-02-01T00:00:00.000Z' });
    store.passagesOf.set(edited.id, [
      {
        id: `${edited.id}-c1`,
        articleId: edited.id,
        position: 0,
        heading: null,
        text: 'new',
        vector: Float32Array.of(0, -1),
        embedding: { model: 'use', version: '1' },
      },
    ]);
    store.articles.delete(deleted.id);
    store.passagesOf.delete(deleted.id);
    expect(await indexer.syncWithStore()).toBe(3);
    expect(indexable.mock.calls.map(([id]) => id).sort()).toEqual([added.id, edited.id].sort());
    const ids = async (x: number, y: number) => (await indexer.search(Float32Array.of(x, y), { k: 1 })).map((h) => h.chunkId);
    expect(await ids(0.6, 0.8)).toEqual([`${added.id}-c0`]);
    expect(await ids(0, -1)).toEqual([`${edited.id}-c1`]);
    expect(await ids(-1, 0)).not.toEqual([`${deleted.id}-c0`]);
    expect(await ids(1, 0)).toEqual([`${kept.id}-c0`]);
    expect(await indexer.syncWithStore()).toBe(0);
  });

  it('embeds the passages of many articles in one gateway call and hands each article its own vectors', async () => {
    const { indexer, gateway } = knowledgeParts({ apple: [1, 0], pear: [0.6, 0.8] });
    const [first, second] = await indexer.passagesOf([
      { title: 'Apple', body: 'apple one\n\napple two' },
      { title: 'Pear', body: 'pear' },
    ]);
    expect(gateway.embedCalls).toHaveLength(1);
    expect(gateway.embedCalls[0]).toHaveLength(first.chunks.length + second.chunks.length);
    expect(first.vectors?.map((v) => Array.from(v))).toEqual(first.chunks.map(() => [1, 0]));
    expect(second.vectors?.map((v) => Array.from(v))).toEqual([[0.6000000238418579, 0.800000011920929]]);
    expect(second.embedding).toEqual({ model: 'use', version: '1' });
  });

  it('returns passages without vectors while the gateway is unreachable, and says why the index is empty', async () => {
    const { store, indexer, gateway, readiness } = knowledgeParts();
    indexer.onModuleInit();
    gateway.down = true;
    const [passages] = await indexer.passagesOf([{ title: 'Card', body: 'When will my card arrive?' }]);
    expect(passages).toEqual({ chunks: [{ position: 0, heading: null, text: 'When will my card arrive?' }] });
    store.seed({ slug: 'card' }, null);
    expect((await readiness.report()).checks['knowledge-base']).toMatchObject({
      ok: false,
      reason: 'no passage is searchable yet: 1 articles wait to be embedded (the gateway is unreachable: connect ECONNREFUSED)',
    });
  });

  it('embeds pending articles once the gateway is back and makes them searchable', async () => {
    const { store, indexer, gateway } = knowledgeParts({ refund: [0, 1] });
    const pending = store.seed({ slug: 'refunds', title: 'Refunds', body: 'refund policy' }, null);
    gateway.down = true;
    expect(await indexer.retryPending()).toBe(0);
    expect(store.articles.get(pending.id)?.indexStatus).toBe('pending');
    gateway.down = false;
    expect(await indexer.retryPending()).toBe(1);
    expect(store.articles.get(pending.id)?.indexStatus).toBe('embedded');
    expect((await indexer.search(Float32Array.of(0, 1), { k: 1 })).map((h) => h.articleId)).toEqual([pending.id]);
  });

  it('re-embeds articles embedded by another model version', async () => {
    const { store, indexer, gateway } = knowledgeParts();
    const old = store.seed({ slug: 'old' }, Float32Array.of(1, 0));
    gateway.version = '2';
    expect(await indexer.retryPending()).toBe(1);
    expect(store.passagesOf.get(old.id)?.map((c) => c.embedding)).toEqual([{ model: 'use', version: '2' }]);
    // Same version again: nothing is stale, nothing re-embedded.
    expect(await indexer.retryPending()).toBe(0);
  });

  it('takes an article out of the index when it is pending or gone', async () => {
    const { store, indexer } = knowledgeParts();
    const article = store.seed({ slug: 'gone' }, Float32Array.of(1, 0));
    await indexer.refresh(article.id);
    expect(await indexer.search(Float32Array.of(1, 0), { k: 1 })).toHaveLength(1);
    await store.delete(article.id);
    await indexer.refresh(article.id);
    expect(await indexer.search(Float32Array.of(1, 0), { k: 1 })).toEqual([]);
  });
});

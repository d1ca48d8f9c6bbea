import { knowledgeParts } from '../../test/fakes/knowledge-parts';

describe('KnowledgeBaseService', () => {
  it('creates an article embedded and searchable, and refuses a second one with its slug', async () => {
    const { kb, store } = knowledgeParts({ fee: [1, 0] });
    const created = await kb.create({ title: 'Fees', body: 'Our fee list.', intent: 'fees' });
    expect(created).toMatchObject({ slug: 'fees', indexStatus: 'embedded', chunkCount: 1, chunks: [{ text: 'Our fee list.', embedded: true }] });
    expect(created).not.toHaveProperty('contentHash');
    const [hit] = await kb.search('fee?', 3);
    expect(hit).toMatchObject({ articleId: created.id, slug: 'fees', title: 'Fees', intent: 'fees', text: 'Our fee list.', score: 1 });
    await expect(kb.create({ title: 'Fees', body: 'again' })).rejects.toMatchObject({ status: 409, code: 'conflict' });
    expect(store.writes).toHaveLength(1);
  });

  it('re-embeds an edited body but keeps the vectors of a metadata edit', async () => {
    const { kb, gateway } = knowledgeParts();
    const { id } = await kb.create({ title: 'Cards', body: 'one' });
    gateway.embedCalls.length = 0;
    await kb.update(id, { category: 'cards' });
    expect(gateway.embedCalls).toEqual([]);
    const edited = await kb.update(id, { body: 'two' });
    expect(gateway.embedCalls).toEqual([['Cards: two']]);
    expect(edited).toMatchObject({ body: 'two', category: 'cards', chunks: [{ text: 'two', embedded: true }] });
  });

  it('refuses a slug another article has, and answers 404 for a missing one', async () => {
    const { kb } = knowledgeParts();
    await kb.create({ title: 'Taken', body: 'x' });
    const { id } = await kb.create({ title: 'Mine', body: 'y' });
    await expect(kb.update(id, { slug: 'taken' })).rejects.toMatchObject({ status: 409 });
    await expect(kb.get('nope')).rejects.toMatchObject({ status: 404 });
    await expect(kb.delete('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('takes a deleted article out of search', async () => {
    const { kb } = knowledgeParts();
    const { id } = await kb.create({ title: 'Gone', body: 'soon' });
    expect(await kb.search('soon', 1)).toHaveLength(1);
    await kb.delete(id);
    expect(await kb.search('soon', 1)).toEqual([]);
    expect(await kb.count()).toBe(0);
  });

  it('describes hits in hit order and drops passages that no longer exist', async () => {
    const { kb, store } = knowledgeParts();
    const a = store.seed({ slug: 'a' });
    const b = store.seed({ slug: 'b' });
    const hits = [
      { chunkId: `${b.id}-c0`, articleId: b.id, intent: null, score: 0.9 },
      { chunkId: 'deleted', articleId: 'x', intent: null, score: 0.8 },
      { chunkId: `${a.id}-c0`, articleId: a.id, intent: null, score: 0.7 },
    ];
    expect((await kb.describeHits(hits)).map((h) => [h.slug, h.score])).toEqual([
      ['b', 0.9],
      ['a', 0.7],
    ]);
  });
});

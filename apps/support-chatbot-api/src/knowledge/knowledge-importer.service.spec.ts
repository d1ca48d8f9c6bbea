import { knowledgeParts } from '../../test/fakes/knowledge-parts';
import type { StoredArticle } from './article-store';
import { contentHash } from './content-hash';
import { planImport } from './knowledge-importer.service';

describe('planImport', () => {
  const fields = { slug: 'cards', title: 'Cards', body: 'b', intent: 'card', category: null, contentHash: contentHash('Cards', 'b') };
  const stored = (over: Partial<StoredArticle>): StoredArticle => ({
    id: 'a1',
    slug: 'cards',
    title: 'Cards',
    body: 'b',
    intent: 'card',
    category: null,
    indexStatus: 'embedded',
    chunkCount: 1,
    createdAt: '',
    updatedAt: '',
    contentHash: fields.contentHash,
    ...over,
  });

  it('creates a new slug, leaves an identical embedded article alone', () => {
    expect(planImport(fields, undefined)).toMatchObject({ action: 'created', reembed: true });
    expect(planImport(fields, stored({}))).toMatchObject({ action: 'unchanged', reembed: false });
  });

  it('updates metadata without re-embedding, and re-embeds a changed text or a pending article', () => {
    expect(planImport(fields, stored({ intent: 'other' }))).toMatchObject({ action: 'updated', reembed: false });
    expect(planImport(fields, stored({ contentHash: 'old' }))).toMatchObject({ action: 'updated', reembed: true });
    expect(planImport(fields, stored({ indexStatus: 'pending' }))).toMatchObject({ action: 'updated', reembed: true });
  });
});

describe('KnowledgeImporter', () => {
  it('creates, updates and skips by slug in one write, embedding only what changed in one call', async () => {
    const { store, gateway, importer, indexer } = knowledgeParts({ lost: [1, 0] });
    store.seed({ slug: 'same', title: 'Same', body: 'same body', contentHash: contentHash('Same', 'same body') });
    const edited = store.seed({ slug: 'edited', title: 'Edited', body: 'old body', contentHash: contentHash('Edited', 'old body') });
    store.seed({ slug: 'retagged', title: 'Retagged', body: 'same text', contentHash: contentHash('Retagged', 'same text'), intent: 'old_intent' });
    const result = await importer.import([
      { title: 'Same', body: 'same body' },
      { title: 'Edited', body: 'new body' },
      { title: 'Retagged', body: 'same text', intent: 'new_intent' },
      { title: 'Lost card', body: 'lost card help', intent: 'lost_card' },
    ]);
    expect(result).toMatchObject({ created: 1, updated: 2, unchanged: 1, pending: 0 });
    expect(result.articles.map((a) => [a.slug, a.action])).toEqual([
      ['same', 'unchanged'],
      ['edited', 'updated'],
      ['retagged', 'updated'],
      ['lost-card', 'created'],
    ]);
    expect(result.articles[1].id).toBe(edited.id);
    expect(store.writes).toHaveLength(1);
    expect(gateway.embedCalls).toEqual([['Edited: new body', 'Lost card: lost card help']]);
    const [hit] = await indexer.search(Float32Array.of(1, 0), { k: 1, intent: 'lost_card' });
    expect(hit.articleId).toBe(result.articles[3].id);
    // A metadata edit keeps its vectors: the retagged article is searchable under its new intent without re-embedding.
    expect((await indexer.search(Float32Array.of(0, 1), { k: 1, intent: 'new_intent' })).map((h) => h.articleId)).toEqual([result.articles[2].id]);
  });

  it('refuses two articles with one slug before writing anything', async () => {
    const { store, importer } = knowledgeParts();
    const error = await importer
      .import([
        { title: 'Fees', body: 'a' },
        { title: 'Other', body: 'b', slug: 'fees' },
      ])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, code: 'invalid_import', message: expect.stringContaining("articles 1 and 2 have the same slug 'fees'") });
    expect(store.writes).toEqual([]);
  });

  it('stores the articles as pending while the gateway is unreachable', async () => {
    const { store, gateway, importer } = knowledgeParts();
    gateway.down = true;
    const result = await importer.import([
      { title: 'A', body: 'a' },
      { title: 'B', body: 'b' },
    ]);
    expect(result).toMatchObject({ created: 2, pending: 2 });
    expect([...store.articles.values()].map((a) => a.indexStatus)).toEqual(['pending', 'pending']);
  });
});

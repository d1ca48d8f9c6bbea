import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { PrismaArticleStore } from '../src/knowledge/article-store';
import { vectorToBytes } from '../src/knowledge/embedding-bytes';
import { PgVectorIndex, vectorTableDimensions } from '../src/knowledge/pgvector-index';

// The pgvector migration does nothing on a server without the extension (it only prints a notice),
// and a migration never runs twice. Once pgvector is installed, the API's next boot creates the
// table the migration skipped and mirrors the vectors already stored; every write after that
// mirrors in its own transaction. Needs pgvector on the server (fails, not skips, without it).

describe('the pgvector table on a database migrated before pgvector was installed', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('postgresql', { schema: 'support_chatbot' });
    if (!(await PgVectorIndex.available(db.client)))
      throw new Error('the PostgreSQL server has no pgvector extension: bash ../shared/scripts/install-pgvector.sh (as root)');
    // What the migration leaves on a server without pgvector: no table.
    await db.client.$executeRawUnsafe('DROP TABLE "ChatbotChunkVector"');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('is created at boot, filled from the stored vectors, and kept current by later writes', async () => {
    const store = new PrismaArticleStore(db.client, 'postgresql');
    const vector = Float32Array.from({ length: 512 }, (_, i) => (i === 0 ? 1 : 0));
    const article = await db.client.chatbotArticle.create({
      data: { slug: 'cards', title: 'Cards', body: 'x', contentHash: 'h', indexStatus: 'embedded', intent: 'card_arrival' },
    });
    await db.client.chatbotChunk.create({ data: { articleId: article.id, position: 0, text: 'x', embedding: vectorToBytes(vector), dimensions: 512 } });
    expect(await vectorTableDimensions(db.client)).toBeNull();

    const index = await store.openVectorIndex('auto');
    expect(index.kind).toBe('pgvector');
    expect(await vectorTableDimensions(db.client)).toBe(512);
    expect(await index.size()).toBe(1);
    expect((await index.search(vector, { k: 5 })).map((h) => [h.articleId, h.intent, Math.round(h.score * 1e6) / 1e6])).toEqual([
      [article.id, 'card_arrival', 1],
    ]);

    // The VectorIndex interface's own writes (the store normally does this in its transaction).
    const chunk = await db.client.chatbotChunk.findFirstOrThrow({ where: { articleId: article.id } });
    const pgIndex = index as PgVectorIndex;
    await pgIndex.removeArticle(article.id);
    expect(await index.size()).toBe(0);
    await pgIndex.replaceArticle(article.id, 'card_arrival', [{ chunkId: chunk.id, vector }]);
    expect(await index.size()).toBe(1);

    // A write through the store mirrors its passages in the same transaction.
    const other = Float32Array.from({ length: 512 }, (_, i) => (i === 1 ? 1 : 0));
    const [id] = await store.write([
      {
        fields: { slug: 'refunds', title: 'Refunds', body: 'y', intent: 'refund', category: null, contentHash: 'h2' },
        passages: { chunks: [{ position: 0, heading: null, text: 'y' }], vectors: [other], embedding: { model: 'use', version: '1' } },
      },
    ]);
    expect((await index.search(other, { k: 1 }))[0].articleId).toBe(id);
    expect((await index.search(other, { k: 5, intent: 'card_arrival' })).map((h) => h.articleId)).toEqual([article.id]);
    // A pending article (being re-embedded) is not searched; a deleted one leaves no row.
    await db.client.chatbotArticle.update({ where: { id }, data: { indexStatus: 'pending' } });
    expect((await index.search(other, { k: 5 })).map((h) => h.articleId)).toEqual([article.id]);
    await store.delete(id);
    const [{ n }] = await db.client.$queryRawUnsafe<Array<{ n: bigint }>>('SELECT count(*) AS n FROM "ChatbotChunkVector"');
    expect(Number(n)).toBe(1);
  });

  it('opens the in-process index when told (memory), and refuses pgvector without PostgreSQL', async () => {
    const index = await new PrismaArticleStore(db.client, 'postgresql').openVectorIndex('memory');
    expect(index.kind).toBe('memory');
    await expect(new PrismaArticleStore(db.client, 'sqlite').openVectorIndex('pgvector')).rejects.toThrow(/not PostgreSQL/);
  });
});

// A knowledge-base import on a real SQLite database: written in short transactions of IMPORT_CHUNK
// articles, and a chunk that fails takes the articles this import created back out. (The gateway
// is the unit specs' stand-in: this spec is about the writes.)
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { ReadinessRegistry } from '@matrix/product-server';
import { PrismaArticleStore } from '../src/knowledge/article-store';
import { IMPORT_CHUNK, KnowledgeImporter } from '../src/knowledge/knowledge-importer.service';
import { KnowledgeIndexer } from '../src/knowledge/knowledge-indexer.service';
import { FakeGateway } from './fakes/fake-gateway';
import { testChatbotConfig } from './fakes/knowledge-parts';

const articles = (count: number, prefix: string, poisonAt?: number) =>
  Array.from({ length: count }, (_, i) => ({ title: i === poisonAt ? 'Poison' : `${prefix} ${i}`, body: `How to ${prefix} number ${i}.\n\nMore text.` }));

describe('KnowledgeImporter on SQLite (chunked writes)', () => {
  let db: TestDatabase;
  let importer: KnowledgeImporter;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const store = new PrismaArticleStore(db.client, 'sqlite');
    const indexer = new KnowledgeIndexer(store, new FakeGateway().client(), new ReadinessRegistry(), testChatbotConfig);
    importer = new KnowledgeImporter(store, indexer);
    // A real failure in a late chunk: the database itself refuses one article.
    await db.client.$executeRawUnsafe(
      `CREATE TRIGGER refuse_poison BEFORE INSERT ON "ChatbotArticle" WHEN NEW."slug" = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned article'); END`,
    );
  });
  afterAll(() => db?.drop());

  it('imports more articles than one chunk holds, every one with its passages', async () => {
    const count = IMPORT_CHUNK * 2 + 5;
    const result = await importer.import(articles(count, 'reset password'));
    expect(result).toMatchObject({ created: count, updated: 0, unchanged: 0, pending: 0 });
    expect(await db.client.chatbotArticle.count()).toBe(count);
    expect(await db.client.chatbotArticle.count({ where: { chunks: { none: {} } } })).toBe(0);
  });

  it('deletes the articles it created when a later chunk fails, leaving the earlier ones as they were', async () => {
    const before = { articles: await db.client.chatbotArticle.count(), chunks: await db.client.chatbotChunk.count() };
    await expect(importer.import(articles(IMPORT_CHUNK * 3, 'block card', IMPORT_CHUNK * 2 + 3))).rejects.toThrow();
    expect(await db.client.chatbotArticle.count()).toBe(before.articles);
    expect(await db.client.chatbotChunk.count()).toBe(before.chunks);
    expect(await db.client.chatbotArticle.count({ where: { slug: { startsWith: 'block-card' } } })).toBe(0);
  });
});

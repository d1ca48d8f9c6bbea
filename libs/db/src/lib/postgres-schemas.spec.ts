// PostgreSQL: DATABASE_URL names one database; each product migrates into, and works in, its own
// schema of it (created on first deploy). Needs the local PostgreSQL server (TEST_POSTGRES_URL).
import { productDatabaseUrl } from './database-url';
import { migrateDatabase } from './migrate-database';
import { createPostgresDatabase, DEFAULT_POSTGRES_URL, withPostgresAdmin } from './offline-toolkit';
import { createPrismaClient, type DbClient } from './prisma-client';
import { migrationNames } from './test-support';

describe('per-product PostgreSQL schemas', () => {
  let database: { url: string; drop(): Promise<void> };
  let env: NodeJS.ProcessEnv;
  const clients: DbClient[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase(process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL, 'matrix_test');
    env = { DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.$disconnect()));
    await database?.drop();
  });

  it('migrates two products into their own schemas, each with its own migration history', async () => {
    for (const product of ['sentiment', 'support-chatbot']) {
      await expect(migrateDatabase(productDatabaseUrl(product, env))).resolves.toEqual({ provider: 'postgresql', applied: migrationNames('postgresql') });
      await expect(migrateDatabase(productDatabaseUrl(product, env))).resolves.toEqual({ provider: 'postgresql', applied: [] });
    }
    const tables = await withPostgresAdmin(database.url, (client) =>
      client.query<{ schema: string; count: number }>(
        `SELECT table_schema AS schema, COUNT(*)::int AS count FROM information_schema.tables
         WHERE table_name IN ('Job', '_prisma_migrations') GROUP BY table_schema ORDER BY table_schema`,
      ),
    );
    expect(tables.rows).toEqual([
      { schema: 'sentiment', count: 2 },
      { schema: 'support_chatbot', count: 2 },
    ]);
  });

  it("keeps each product's rows in its own schema, raw SQL included", async () => {
    const sentiment = createPrismaClient({ databaseUrl: productDatabaseUrl('sentiment', env) });
    const chatbot = createPrismaClient({ databaseUrl: productDatabaseUrl('support-chatbot', env) });
    clients.push(sentiment, chatbot);
    await sentiment.job.create({ data: { product: 'sentiment', kind: 'csv' } });
    await chatbot.job.createMany({ data: [1, 2].map((i) => ({ product: 'support-chatbot', kind: `import-${i}` })) });
    expect([await sentiment.job.count(), await chatbot.job.count()]).toEqual([1, 2]);
    const [{ n }] = await chatbot.$queryRawUnsafe<Array<{ n: number }>>('SELECT COUNT(*)::int AS n FROM "Job"');
    expect(n).toBe(2);
    const [{ schema }] = await sentiment.$queryRawUnsafe<Array<{ schema: string }>>('SELECT current_schema() AS schema');
    expect(schema).toBe('sentiment');
  });
});

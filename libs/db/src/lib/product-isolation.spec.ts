// Each product owns its database (issue 16): a long write on one product's SQLite file never
// delays another product's writes, every connection runs WAL with a bounded busy timeout, and a
// write that meets a held lock fails within that bound as contention (the API's 503), not a hang.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isDatabaseContention } from './database-contention';
import { productDatabaseUrl } from './database-url';
import { migrateDatabase } from './migrate-database';
import { sqliteFilePath } from './offline-toolkit';
import { createPrismaClient, type DbClient } from './prisma-client';

const BUSY_TIMEOUT_MS = 1000;
const job = (product: string, kind: string) => ({ data: { product, kind } });

describe('per-product SQLite databases', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let sentiment: DbClient;
  let recommender: DbClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'matrix-isolation-'));
    env = { DATABASE_URL: `file:${join(dir, 'matrix.db')}` };
    for (const product of ['sentiment', 'recommender']) await migrateDatabase(productDatabaseUrl(product, env));
    sentiment = createPrismaClient({ databaseUrl: productDatabaseUrl('sentiment', env), busyTimeoutMs: BUSY_TIMEOUT_MS });
    recommender = createPrismaClient({ databaseUrl: productDatabaseUrl('recommender', env), busyTimeoutMs: BUSY_TIMEOUT_MS });
  });
  afterAll(async () => {
    await Promise.all([sentiment?.$disconnect(), recommender?.$disconnect()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts each product in its own file', () => {
    expect(sqliteFilePath(productDatabaseUrl('sentiment', env))).toBe(join(dir, 'matrix-sentiment.db'));
    expect(sqliteFilePath(productDatabaseUrl('recommender', env))).toBe(join(dir, 'matrix-recommender.db'));
  });

  it('opens every connection in WAL mode with the busy timeout', async () => {
    for (const client of [sentiment, recommender]) {
      const [{ journal_mode }] = await client.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
      const [{ timeout }] = await client.$queryRawUnsafe<Array<{ timeout: bigint | number }>>('PRAGMA busy_timeout');
      expect([journal_mode, Number(timeout)]).toEqual(['wal', BUSY_TIMEOUT_MS]);
    }
  });

  it("takes one product's writes promptly while another product's write transaction holds its lock", async () => {
    // Another process's long import on the recommender file: BEGIN IMMEDIATE takes the write lock and keeps it.
    await sentiment.job.count(); // connected and warm: what follows measures writes, not start-up
    const importer = new Database(sqliteFilePath(productDatabaseUrl('recommender', env)));
    importer.exec('BEGIN IMMEDIATE');
    try {
      const insert = importer.prepare(`INSERT INTO "RecommenderUser" ("id", "attributes", "createdAt") VALUES (?, '{}', CURRENT_TIMESTAMP)`);
      for (let i = 0; i < 5000; i++) insert.run(`held-${i}`);

      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        await sentiment.job.create(job('sentiment', `write-${i}`));
        latencies.push(performance.now() - started);
      }
      expect(await sentiment.job.count({ where: { product: 'sentiment' } })).toBe(20);
      // Had they shared the recommender's file, each would have waited the whole busy timeout and failed.
      expect(Math.max(...latencies)).toBeLessThan(BUSY_TIMEOUT_MS);
      expect(latencies.sort((a, b) => a - b)[10]).toBeLessThan(BUSY_TIMEOUT_MS / 10);

      // The recommender's own write waits at most the busy timeout, then fails as contention.
      const started = performance.now();
      const error = await recommender.job.create(job('recommender', 'blocked')).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      const waited = performance.now() - started;
      expect(isDatabaseContention(error)).toBe(true);
      expect(waited).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS * 0.9);
      expect(waited).toBeLessThan(BUSY_TIMEOUT_MS + 2000);
    } finally {
      importer.exec('ROLLBACK');
      importer.close();
    }
    // Lock released: the recommender writes again, and the rolled-back import left nothing.
    await recommender.job.create(job('recommender', 'after'));
    expect(await recommender.recommenderUser.count()).toBe(0);
  });

  it('migrates an up-to-date file while others have it open, and says what to do when a new migration meets an open file', async () => {
    // Booting on an up-to-date database needs no exclusive lock (the sentiment client is connected).
    await expect(migrateDatabase(productDatabaseUrl('sentiment', env))).resolves.toEqual({ provider: 'sqlite', applied: [] });
    const fresh = `file:${join(dir, 'fresh.db')}`;
    const holder = new Database(sqliteFilePath(fresh));
    holder.pragma('journal_mode = WAL');
    holder.prepare('SELECT COUNT(*) FROM sqlite_master').get(); // a connection that has read the file, as an API's has
    try {
      await expect(migrateDatabase(fresh)).rejects.toThrow(/the file is in use .*Stop the product's API/);
    } finally {
      holder.close();
    }
    await expect(migrateDatabase(fresh)).resolves.toMatchObject({ provider: 'sqlite' });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from './migrate-database';
import { createPostgresDatabase, DEFAULT_POSTGRES_URL, type DbProvider } from './offline-toolkit';
import { createPrismaClient, type DbClient } from './prisma-client';

export interface TestDatabase {
  provider: DbProvider;
  url: string;
  /** Connected to `url`; disconnected by drop(). */
  client: DbClient;
  /** Names of the migrations applied when it was created. */
  applied: string[];
  /** Disconnects and deletes the database (temp file, or DROP DATABASE … WITH (FORCE)). */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Skip applying prisma/migrations (for tests of migration itself). */
  migrate?: boolean;
  /**
   * Any database on the PostgreSQL server to create the throw-away one from; default
   * TEST_POSTGRES_URL, else postgresql://postgres@127.0.0.1:5432/postgres.
   */
  postgresUrl?: string;
  /** PostgreSQL only: migrate into this schema of the new database (`?schema=`), as a product's derived URL does. */
  schema?: string;
}

async function createDatabase(provider: DbProvider, postgresUrl: string): Promise<{ url: string; remove(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'matrix-test-'));
    return { url: `file:${join(dir, 'test.db')}`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // Fails (never skips) with the command that starts PostgreSQL when it is down.
  const database = await createPostgresDatabase(postgresUrl, 'matrix_test');
  return { url: database.url, remove: database.drop };
}

function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('schema', schema);
  return parsed.toString();
}

/**
 * A fresh, migrated, throw-away database for one test file: a temp SQLite file, or a new
 * PostgreSQL database `matrix_test_<random>`. Always call drop() (afterAll). A product API under
 * test gets it as its own database: `env: { SENTIMENT_DATABASE_URL: db.url }` (productDatabaseEnvName).
 *
 * @example
 *   let db: TestDatabase;
 *   beforeAll(async () => (db = await createTestDatabase('sqlite')));
 *   afterAll(() => db.drop());
 */
export async function createTestDatabase(provider: DbProvider, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const created = await createDatabase(provider, options.postgresUrl ?? (process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL));
  const url = provider === 'postgresql' && options.schema ? withSchema(created.url, options.schema) : created.url;
  try {
    const applied = options.migrate === false ? [] : (await migrateDatabase(url)).applied;
    const client = createPrismaClient({ databaseUrl: url });
    return {
      provider,
      url,
      client,
      applied,
      drop: async () => {
        try {
          await client.$disconnect();
        } finally {
          await created.remove();
        }
      },
    };
  } catch (error) {
    await created.remove();
    throw error;
  }
}

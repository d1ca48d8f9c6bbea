import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { resolveDatabaseUrl } from './database-url';
import { PostgresPrismaClient, SqlitePrismaClient } from './generated-clients';
import { providerFromUrl, sqliteFilePath } from './offline-toolkit';

/**
 * The client type for both providers. Both clients come from the same model files, so
 * their model APIs match; we type them as the SQLite client, the narrower of the two (it
 * lacks PostgreSQL-only filter options such as `mode: 'insensitive'`), so code written
 * against it runs on either database.
 */
export type DbClient = SqlitePrismaClient;

export interface CreatePrismaClientOptions {
  /** `file:<path>` (SQLite) or `postgresql://…`; default DATABASE_URL, else file:<workspace>/tmp/matrix.db. */
  databaseUrl?: string;
}

/**
 * A Prisma client on the database the URL names, through the matching driver adapter
 * (no native engine needed). Call `$disconnect()` when done. The schema must already be
 * migrated: see migrateDatabase().
 */
export function createPrismaClient(options: CreatePrismaClientOptions = {}): DbClient {
  const url = resolveDatabaseUrl(options.databaseUrl);
  if (providerFromUrl(url) === 'sqlite') {
    return new SqlitePrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url) }) });
  }
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  // Same models, same runtime; only the generated filter types differ (see DbClient).
  return client as unknown as DbClient;
}

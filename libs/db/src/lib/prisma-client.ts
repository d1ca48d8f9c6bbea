import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { productDatabaseUrl, resolveDatabaseUrl } from './database-url';
import { PostgresPrismaClient, SqlitePrismaClient } from './generated-clients';
import { postgresSchemaOf, providerFromUrl, sqliteFilePath } from './offline-toolkit';

/**
 * The client type for both providers. Both clients come from the same model files, so
 * their model APIs match; we type them as the SQLite client, the narrower of the two (it
 * lacks PostgreSQL-only filter options such as `mode: 'insensitive'`), so code written
 * against it runs on either database.
 */
export type DbClient = SqlitePrismaClient;

/** How long a SQLite write waits for another connection's lock before SQLITE_BUSY (the API then answers 503). */
export const DEFAULT_BUSY_TIMEOUT_MS = 2000;
/** How long a query waits for a free PostgreSQL pool connection before failing (then 503, never a hang). */
export const DEFAULT_POOL_TIMEOUT_MS = 5000;

export interface CreatePrismaClientOptions {
  /** `file:<path>` (SQLite) or `postgresql://…` (`?schema=` honoured), used as is. */
  databaseUrl?: string;
  /** Else the product's own database (productDatabaseUrl: <PRODUCT>_DATABASE_URL, DATABASE_URL, tmp/<product>.db). */
  product?: string;
  /** SQLite busy timeout, ms (default DATABASE_BUSY_TIMEOUT_MS, else 2000). PostgreSQL: pool wait bound. */
  busyTimeoutMs?: number;
}

function busyTimeoutFrom(options: CreatePrismaClientOptions): number {
  const fromEnv = Number(process.env.DATABASE_BUSY_TIMEOUT_MS);
  return options.busyTimeoutMs ?? (Number.isFinite(fromEnv) && fromEnv >= 0 && process.env.DATABASE_BUSY_TIMEOUT_MS ? fromEnv : DEFAULT_BUSY_TIMEOUT_MS);
}

/**
 * The better-sqlite3 adapter runs a transaction and every other query of the client on one
 * connection, so a query sent while a transaction is open would run inside it — and a write acknowledged
 * to its caller would vanish if that transaction rolled back. This guard makes queries outside a
 * transaction wait until no transaction is open (as another connection would wait for the lock), and
 * lets transactions take turns (each waits, bounded by Prisma's maxWait, for the one before).
 */
function isolateTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let open = false;
  let closed: Promise<void> = Promise.resolve();
  let markClosed = () => undefined as void;
  const whenNoTransaction = async () => {
    while (open) await closed;
  };
  const close = () => {
    open = false;
    markClosed();
  };
  const outside =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await whenNoTransaction();
      return run(...args); // runs its statement synchronously, before any other transaction can begin
    };
  const startTransaction = adapter.startTransaction.bind(adapter);
  return Object.assign(adapter, {
    queryRaw: outside(adapter.queryRaw.bind(adapter)),
    executeRaw: outside(adapter.executeRaw.bind(adapter)),
    executeScript: outside(adapter.executeScript.bind(adapter)),
    startTransaction: async (isolationLevel?: Parameters<SqlDriverAdapter['startTransaction']>[0]): Promise<Transaction> => {
      await whenNoTransaction();
      open = true;
      closed = new Promise<void>((resolve) => (markClosed = resolve));
      try {
        const transaction = await startTransaction(isolationLevel);
        const commit = transaction.commit.bind(transaction);
        const rollback = transaction.rollback.bind(transaction);
        transaction.commit = () => commit().finally(close);
        transaction.rollback = () => rollback().finally(close);
        return transaction;
      } catch (error) {
        close();
        throw error;
      }
    },
  });
}

/**
 * Every SQLite connection the client opens: WAL (readers never wait for the writer, and a writer
 * never waits for readers) and a bounded busy timeout (a writer waits that long for another
 * process's write lock, then fails with SQLITE_BUSY, which the product maps to 503 + Retry-After).
 */
function sqliteWithPragmas(file: string, busyTimeoutMs: number): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: file, timeout: busyTimeoutMs });
  const tune = async (adapter: SqlDriverAdapter): Promise<SqlDriverAdapter> => {
    if (file !== ':memory:') await adapter.executeScript('PRAGMA journal_mode = WAL;');
    await adapter.executeScript(`PRAGMA busy_timeout = ${Math.round(busyTimeoutMs)};`);
    return isolateTransactions(adapter);
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => tune(await inner.connect()),
  };
}

/**
 * A Prisma client on the database the URL (or product) names, through the matching driver adapter
 * (no native engine needed). Call `$disconnect()` when done. The schema must already be
 * migrated: see migrateDatabase().
 */
export function createPrismaClient(options: CreatePrismaClientOptions): DbClient {
  const given = options.databaseUrl ?? (options.product ? productDatabaseUrl(options.product) : undefined);
  if (!given) throw new Error('createPrismaClient needs a databaseUrl or a product (each product owns its database)');
  const url = resolveDatabaseUrl(given);
  const busyTimeoutMs = busyTimeoutFrom(options);
  if (providerFromUrl(url) === 'sqlite') {
    return new SqlitePrismaClient({ adapter: sqliteWithPragmas(sqliteFilePath(url), busyTimeoutMs) });
  }
  const schema = postgresSchemaOf(url);
  const pool = {
    connectionString: url,
    connectionTimeoutMillis: Math.max(busyTimeoutMs, DEFAULT_POOL_TIMEOUT_MS),
    // Raw SQL (unqualified names) finds the product's tables too; public keeps extensions (pgvector) visible.
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '""')}",public` } : {}),
  };
  const client = new PostgresPrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  // Same models, same runtime; only the generated filter types differ (see DbClient).
  return client as unknown as DbClient;
}

// Migration-aware driver adapter factories for the wasm schema engine, with the fixes the
// engine/adapter pair needs in Prisma 7.10.0 (numbered as in tools/prisma-offline/README.md).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { postgresConfig, postgresServerConfig, providerFromUrl, quoteIdent, sqliteFilePath, withPgClient } from './database-url.mjs';
import { postgresSchemaOf } from './product-database.mjs';

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_class.relkind, pg_constraint.contype…)
const PG_TEXT_OID = 25;
const MULTI_STATEMENT_ERROR = 'more than one statement';

/**
 * Fix 3: adapter-pg throws UnsupportedNativeDataType for "char" columns, which the engine's
 * catalog queries return. Its values arrive as one-character strings, so we relabel the
 * column type as text before the adapter maps it.
 */
function relabelCharColumns(result) {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of one?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

const PATCHED = Symbol('prisma-offline.charSafe');

function patchClientQuery(client) {
  if (client[PATCHED]) return client;
  const query = client.query.bind(client);
  client.query = (...args) => {
    if (args.some((arg) => typeof arg === 'function')) return query(...args);
    return query(...args).then(relabelCharColumns);
  };
  client[PATCHED] = true;
  return client;
}

/** A pg Pool whose results (pool.query and checked-out clients) never carry "char" columns. */
class CharSafePool extends pg.Pool {
  query(...args) {
    if (args.some((arg) => typeof arg === 'function')) return super.query(...args);
    return super.query(...args).then(relabelCharColumns);
  }

  connect(callback) {
    if (typeof callback === 'function') return super.connect(callback); // pool-internal use
    return super.connect().then(patchClientQuery);
  }
}

/**
 * Fix 6 (ours, not in STACK.md): adapter-pg's executeScript splits the script on every ";"
 * (breaking a ";" inside a string literal) and sends the pieces one by one, so a failing
 * migration is left half-applied. PostgreSQL's simple-query protocol runs the whole script
 * in one implicit transaction, as the native engine does.
 */
function runPostgresScriptsWhole(adapter, pool) {
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      adapter.onError(error); // throws the adapter's DriverAdapterError, so the engine sees SQL errors
    }
  };
  return adapter;
}

/**
 * Fix 2: the SQLite shadow database replays each migration file through executeRaw, which
 * better-sqlite3 refuses for more than one statement. Such argument-less SQL goes to
 * executeScript (sqlite3_exec) instead; everything else keeps the prepared-statement path.
 */
function runSqliteMultiStatementRawAsScript(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !String(error?.message).includes(MULTI_STATEMENT_ERROR)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/** Wraps dispose so it runs once whoever calls it (the engine or our close()). */
function disposeOnce(adapter, after = async () => undefined) {
  const dispose = adapter.dispose.bind(adapter);
  let done;
  adapter.dispose = () => {
    // Resolves to undefined: the engine rejects any other value ("expected unit").
    done ??= dispose()
      .then(after)
      .then(() => undefined);
    return done;
  };
  return adapter;
}

function sqliteFactory(url, shadowUrl) {
  const file = sqliteFilePath(url);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const opened = [];
  const open = async (path) => {
    const adapter = await new PrismaBetterSqlite3({ url: path }).connect();
    opened.push(disposeOnce(runSqliteMultiStatementRawAsScript(adapter)));
    return adapter;
  };
  return {
    provider: 'sqlite',
    adapterName: '@prisma/adapter-better-sqlite3',
    connect: () => open(file),
    connectToShadowDb: () => open(shadowUrl ? sqliteFilePath(shadowUrl) : ':memory:'),
    close: async () => {
      await Promise.all(opened.map((adapter) => adapter.dispose()));
    },
  };
}

function postgresFactory(url) {
  const config = postgresConfig(url);
  const schema = postgresSchemaOf(url);
  const opened = [];
  const open = async (poolConfig, afterDispose) => {
    const pool = new CharSafePool(poolConfig);
    // The engine reads the schema to migrate (and to create _prisma_migrations in) from the adapter.
    const adapter = await new PrismaPg(pool, { disposeExternalPool: true, ...(poolConfig.options ? { schema } : {}) }).connect();
    opened.push(disposeOnce(runPostgresScriptsWhole(adapter, pool), afterDispose));
    return adapter;
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => open(config),
    /**
     * Fixes 4 and 5: adapter-pg's own shadow database connects back to the main database when
     * configured with a connectionString, and drops the shadow database while its pool still
     * holds connections (which fails). We create it from separate connection fields, close
     * the pool first, then drop it WITH (FORCE).
     */
    connectToShadowDb: async () => {
      const database = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
      await withPgClient(config, (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
      // The shadow database migrates into its own public schema.
      return open({ ...postgresServerConfig(url), database }, () =>
        withPgClient(config, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`)),
      );
    },
    close: async () => {
      await Promise.all(opened.map((adapter) => adapter.dispose()));
    },
  };
}

/**
 * A factory the wasm schema engine accepts (bound with bindMigrationAwareSqlAdapterFactory),
 * plus `close()` that disposes every connection it opened (the engine does not always).
 */
export function createMigrationAdapterFactory(url, { shadowUrl } = {}) {
  const raw = providerFromUrl(url) === 'sqlite' ? sqliteFactory(url, shadowUrl) : postgresFactory(url);
  return { bound: bindMigrationAwareSqlAdapterFactory(raw), close: raw.close };
}

// Which database a URL names, and how to reach it. One place decides the provider so the
// CLI, libs/db and the tests never disagree.
import { isAbsolute, resolve } from 'node:path';
import pg from 'pg';

/** @typedef {'sqlite' | 'postgresql'} Provider */

export const PROVIDERS = /** @type {const} */ (['sqlite', 'postgresql']);

/** `file:` → sqlite, `postgres://` / `postgresql://` → postgresql; anything else is an error. */
export function providerFromUrl(url) {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new Error('No database URL: set DATABASE_URL (file:/abs/path.db or postgresql://user@host:5432/db).');
  }
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(`Unsupported database URL "${redactUrl(url)}": use file:<path> (SQLite) or postgresql://… (PostgreSQL).`);
}

/**
 * The SQLite file a `file:` URL names. Query parameters (`?connection_limit=1`, which Prisma
 * URLs may carry) are dropped; a relative path is taken from `cwd`, like the adapter does.
 */
export function sqliteFilePath(url, cwd = process.cwd()) {
  const path = decodeURIComponent(url.slice('file:'.length).replace(/\?.*$/, ''));
  if (path === ':memory:') return path;
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * pg connection fields from a URL. Separate fields, not `connectionString`: adapter-pg's
 * shadow database spreads this config with another `database`, and a connectionString would
 * silently win over it (workaround 4 in tools/prisma-offline/README.md).
 */
export function postgresConfig(url) {
  const parsed = new URL(url);
  const config = {
    host: decodeURIComponent(parsed.hostname) || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || process.env.PGUSER || 'postgres',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
  };
  if (parsed.password) config.password = decodeURIComponent(parsed.password);
  const host = parsed.searchParams.get('host');
  if (host) config.host = host; // unix socket form: postgresql://user@/db?host=/var/run/postgresql
  // `?schema=` (a product's own schema): unqualified names, raw SQL and migrations included, land
  // there; public stays on the path for extensions installed there (pgvector's type).
  const schema = parsed.searchParams.get('schema');
  if (schema) config.options = `-c search_path=${quoteIdent(schema)},public`;
  return config;
}

/** postgresConfig without the `?schema=` search path: for server-level work (CREATE DATABASE/SCHEMA, shadow databases). */
export function postgresServerConfig(url) {
  const config = postgresConfig(url);
  delete config.options;
  return config;
}

/** The same server, another database (for scratch and throw-away databases). */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The URL with any password masked, for messages. */
export function redactUrl(url) {
  return String(url).replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** Runs fn with a connected pg client for `config`, always closing it. */
export async function withPgClient(config, fn) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL identifier, quoted. */
export function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

// Throw-away databases: in-memory SQLite, or a fresh PostgreSQL database that is dropped
// (WITH (FORCE), so lingering pool connections cannot block it) when done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresConfig, quoteIdent, redactUrl, withDatabase } from './database-url.mjs';

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export const START_POSTGRES_HINT = 'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/** Runs fn with a connected pg client on the server of `serverUrl`. */
export async function withPostgresAdmin(serverUrl, fn) {
  const client = new pg.Client({ ...postgresConfig(serverUrl), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${redactUrl(serverUrl)} (${error.message}). ${START_POSTGRES_HINT}`, {
      cause: error,
    });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_<random>` on that server and returns its URL and a drop function. */
export async function createPostgresDatabase(serverUrl, prefix) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withPostgresAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => dropPostgresDatabase(serverUrl, name),
  };
}

export async function dropPostgresDatabase(serverUrl, name) {
  await withPostgresAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

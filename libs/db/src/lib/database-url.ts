import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { productDatabaseUrl as productUrlFromEnv, providerFromUrl, sqliteFilePath } from './offline-toolkit';

/** A URL given explicitly (tests, scripts), checked, with its SQLite file's folder created (SQLite creates the file but not its folder). */
export function resolveDatabaseUrl(databaseUrl: string): string {
  const url = databaseUrl.trim();
  if (providerFromUrl(url) === 'sqlite') {
    const file = sqliteFilePath(url);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  }
  return url;
}

/**
 * The database a product owns (issue 16: one product's writes never lock another's):
 * `<PRODUCT>_DATABASE_URL` as is, else its own database derived from `DATABASE_URL` (SQLite:
 * `matrix.db` → `matrix-<product>.db`; PostgreSQL: `?schema=<product>` in the same database), else
 * the embedded default `file:<workspace>/tmp/<product>.db`. `product` is the product key or its
 * API's name ('sentiment' or 'sentiment-api'). The reserved name 'platform' is the one database all
 * products share (kept free for the identity store, issue 14).
 */
export function productDatabaseUrl(product: string, env: NodeJS.ProcessEnv = process.env): string {
  return productUrlFromEnv(product, env, workspaceRoot());
}

// Each product owns its database (issue 16): which database a product uses, from one rule
// shared by the APIs (libs/product-server), the CLI (`deploy --product/--all`) and the tests.
//
//   <PRODUCT>_DATABASE_URL   that product's database, used as is (e.g. SENTIMENT_DATABASE_URL)
//   DATABASE_URL             the base every product derives its own from:
//                              file:/data/matrix.db        → file:/data/matrix-<product>.db (a file per product)
//                              postgresql://…/matrix       → postgresql://…/matrix?schema=<product> (a schema per
//                                                            product in the same database, created if missing)
//   neither                  the embedded default file:<workspace>/tmp/<product>.db
//
// "platform" is reserved: the one place every product shares (the future identity store, issue 14)
// is the platform database — tmp/platform.db, schema "platform", or PLATFORM_DATABASE_URL.
import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { postgresServerConfig, providerFromUrl, quoteIdent, sqliteFilePath, withPgClient } from './database-url.mjs';
import { DEFAULT_ROOT } from './layout.mjs';

/** The shared database's name (not a product). */
export const PLATFORM_DATABASE = 'platform';

const PRODUCT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** 'sentiment-api' → 'sentiment'; a bare product name stays as it is. */
export function productKey(serviceName) {
  const key = String(serviceName).replace(/-api$/, '');
  if (!PRODUCT_NAME.test(key)) throw new Error(`"${serviceName}" is not a product name (lower-case words joined by "-").`);
  return key;
}

/** 'support-chatbot' → 'SUPPORT_CHATBOT_DATABASE_URL'. */
export function productDatabaseEnvName(product) {
  return `${productKey(product).toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
}

/** 'support-chatbot' → 'support_chatbot' (a PostgreSQL identifier without quoting surprises). */
export function productSchemaName(product) {
  return productKey(product).replace(/-/g, '_');
}

/** The PostgreSQL schema a URL names with `?schema=` (undefined: the server's default, public). */
export function postgresSchemaOf(url) {
  if (providerFromUrl(url) !== 'postgresql') return undefined;
  return new URL(url).searchParams.get('schema') || undefined;
}

/** The product's own database derived from a base DATABASE_URL (see the top of this file). */
export function deriveProductUrl(baseUrl, product) {
  const key = productKey(product);
  if (providerFromUrl(baseUrl) === 'postgresql') {
    const url = new URL(baseUrl);
    url.searchParams.set('schema', productSchemaName(key));
    return url.toString();
  }
  const file = sqliteFilePath(baseUrl);
  if (file === ':memory:') return baseUrl;
  const ext = extname(file) || '.db';
  return `file:${join(dirname(file), `${basename(file, extname(file))}-${key}${ext}`)}`;
}

/** The embedded default: file:<root>/tmp/<product>.db. */
export function defaultProductUrl(product, root = DEFAULT_ROOT) {
  return `file:${join(root, 'tmp', `${productKey(product)}.db`)}`;
}

/** The database `product` uses under `env`: its own override, else derived from DATABASE_URL, else the default. */
export function productDatabaseUrl(product, env = process.env, root = DEFAULT_ROOT) {
  const own = env[productDatabaseEnvName(product)]?.trim();
  if (own) return own;
  const base = env.DATABASE_URL?.trim();
  return base ? deriveProductUrl(base, product) : defaultProductUrl(product, root);
}

/** Every product of the workspace: each apps/<product>-api folder. */
export function workspaceProducts(root = DEFAULT_ROOT) {
  return readdirSync(join(root, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.endsWith('-api'))
    .map((entry) => productKey(entry.name))
    .sort();
}

/** Creates the `?schema=` of a PostgreSQL URL when it is missing (no-op for SQLite or no schema). */
export async function ensurePostgresSchema(url) {
  const schema = postgresSchemaOf(url);
  if (!schema) return;
  await withPgClient(postgresServerConfig(url), (client) => client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`));
}

import { join } from 'node:path';
import { productDatabaseEnvName, productDatabaseUrl } from '@matrix/db';

/** The product APIs the chaos suite starts. */
export type ProductApi = 'sentiment-api' | 'support-chatbot-api' | 'recommender-api' | 'image-tagger-api';

/** The scratch folder's DATABASE_URL: each product derives its own file from it (matrix-<product>.db, libs/db). */
export function sharedDatabaseUrl(scratch: string): string {
  return `file:${join(scratch, 'matrix.db')}`;
}

/**
 * A product API's database env in a scratch folder: DATABASE_URL as `npm start` would give it, and the
 * product's own variable set to the file the product derives from it, so the suite can open it too.
 */
export function productDatabaseEnv(product: ProductApi, scratch: string): Record<string, string> {
  const env = { DATABASE_URL: sharedDatabaseUrl(scratch) };
  return { ...env, [productDatabaseEnvName(product)]: productDatabaseUrl(product, env) };
}

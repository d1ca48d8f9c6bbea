import { join } from 'node:path';

/** The product APIs the chaos suite starts. */
export type ProductApi = 'sentiment-api' | 'support-chatbot-api' | 'recommender-api' | 'image-tagger-api';

/**
 * The one place that names each product's own database variable. Today every product reads
 * DATABASE_URL (one shared SQLite file, as `npm start` runs them); once products own their data
 * (issue 16, item 1) each reads its `<PRODUCT>_DATABASE_URL` first. The suite sets both, so it
 * measures whichever the products under test do, and keeps working when they change.
 */
export const PRODUCT_DATABASE_ENV: Record<ProductApi, string> = {
  'sentiment-api': 'SENTIMENT_DATABASE_URL',
  'support-chatbot-api': 'CHATBOT_DATABASE_URL',
  'recommender-api': 'RECOMMENDER_DATABASE_URL',
  'image-tagger-api': 'IMAGE_TAGGER_DATABASE_URL',
};

/** The shared embedded database of a scratch folder (what DATABASE_URL points every product at). */
export function sharedDatabaseUrl(scratch: string): string {
  return `file:${join(scratch, 'matrix.db')}`;
}

/** A product API's database env in a scratch folder: the shared DATABASE_URL and its own file under its own variable. */
export function productDatabaseEnv(product: ProductApi, scratch: string): Record<string, string> {
  return { DATABASE_URL: sharedDatabaseUrl(scratch), [PRODUCT_DATABASE_ENV[product]]: `file:${join(scratch, `${product.replace(/-api$/, '')}.db`)}` };
}

import { CSV_BODY, type ProductAppOptions } from '@matrix/product-server';
import { IMPORT_BODY_LIMIT_BYTES, JSON_BODY_LIMIT_BYTES } from './config/recommender-config';

/** How main.ts (and the e2e test) build the app: same limits and docs everywhere. */
export const RECOMMENDER_APP_OPTIONS: ProductAppOptions = {
  name: 'recommender-api',
  defaultPort: 8130,
  description:
    'Recommender: users, items and interactions (ratings; view/click/purchase events) one at a time or imported in bulk (CSV, MovieLens); ' +
    'training jobs (EASE / BPR rankers, item-item kNN, popularity, biased MF) with progress and cancellation; versioned models; ' +
    'top-k for a user with a reason per item, similar items, cold start from popularity and item-text embeddings. Ranking runs on the inference gateway.',
  jsonBodyLimitBytes: JSON_BODY_LIMIT_BYTES,
  rawBodyTypes: [
    { ...CSV_BODY, limitBytes: IMPORT_BODY_LIMIT_BYTES },
    { ...CSV_BODY, contentType: 'text/plain', limitBytes: IMPORT_BODY_LIMIT_BYTES },
    { ...CSV_BODY, contentType: 'text/tab-separated-values', limitBytes: IMPORT_BODY_LIMIT_BYTES },
  ],
};

import { CSV_BODY, type ProductAppOptions } from '@matrix/product-server';
import { JSON_BODY_LIMIT_BYTES } from './config/sentiment-config';

/** How main.ts (and the e2e test) build the app: same limits and docs everywhere. */
export const SENTIMENT_APP_OPTIONS: ProductAppOptions = {
  name: 'sentiment-api',
  defaultPort: 8110,
  description:
    'Sentiment analyzer: label (POSITIVE/NEGATIVE/NEUTRAL/MIXED), score in [-1, 1], magnitude and per-sentence results for one text, ' +
    'a batch or a CSV upload; stored analyses with filters, aggregates over time and export. Models are served by the inference gateway.',
  jsonBodyLimitBytes: JSON_BODY_LIMIT_BYTES,
  // Browsers label .csv files differently (Excel on Windows: application/vnd.ms-excel); all are read as CSV text.
  rawBodyTypes: [CSV_BODY, { ...CSV_BODY, contentType: 'application/csv' }, { ...CSV_BODY, contentType: 'application/vnd.ms-excel' }],
};

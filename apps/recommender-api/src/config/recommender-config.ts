import { parseEnvironment } from '@matrix/product-server';
import { z } from 'zod';
import { recommenderModelDir } from '@matrix/recommender-model';
import type { EventTimeWindow } from '../events/event-time-window';

/** Largest JSON body (a batch of 1,000 events or items). */
export const JSON_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** Largest CSV / MovieLens import body. */
export const IMPORT_BODY_LIMIT_BYTES = 32 * 1024 * 1024;
/** Most events or items in one JSON batch. */
export const MAX_BATCH = 1000;
/** Most recommendations one request may ask for. */
export const MAX_K = 100;

const schema = z.object({
  /** The gateway model id under which the API registers its ranker. */
  RECOMMENDER_RANKER_MODEL: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, ".", "_" or "-"')
    .default('recommender-ranker'),
  /** The gateway embedding model for item content (cold start); "off" disables content embeddings. */
  RECOMMENDER_EMBEDDING_MODEL: z.string().min(1).max(200).default('use-lite-en'),
  /** Where trained versions are written and read (default tmp/recommender-models). */
  RECOMMENDER_MODEL_DIR: z.string().optional(),
  /** The MovieLens 100K folder the first-run demo imports (default <datasets dir>/movielens-100k; RECOMMENDER_DEMO_DATA=0: no demo). */
  RECOMMENDER_DEMO_DIR: z.string().min(1).optional(),
  /** Most data rows one import may have (413 beyond). */
  RECOMMENDER_MAX_IMPORT_ROWS: z.coerce.number().int().min(1).max(5_000_000).default(500_000),
  /** Events dated before this are refused (422, or a rejected import row). */
  RECOMMENDER_EVENTS_FROM: z.iso.date('a date such as 1995-01-01').default('1995-01-01'),
  /** Events dated more than this many hours after now are refused. */
  RECOMMENDER_EVENTS_MAX_FUTURE_HOURS: z.coerce.number().min(0).max(8760).default(24),
});

export interface RecommenderConfig {
  rankerModel: string;
  embeddingModel: string | null;
  modelDir: string;
  maxImportRows: number;
  /** The MovieLens folder of the first-run demo (undefined: the shipped one under the datasets dir). */
  demoDir?: string;
  eventWindow: EventTimeWindow;
}

export const RECOMMENDER_CONFIG = 'recommender:config';

export function loadRecommenderConfig(env: NodeJS.ProcessEnv): RecommenderConfig {
  const v = parseEnvironment(schema, env, 'recommender-api');
  return {
    rankerModel: v.RECOMMENDER_RANKER_MODEL,
    embeddingModel: v.RECOMMENDER_EMBEDDING_MODEL === 'off' ? null : v.RECOMMENDER_EMBEDDING_MODEL,
    modelDir: recommenderModelDir({ RECOMMENDER_MODEL_DIR: v.RECOMMENDER_MODEL_DIR }),
    maxImportRows: v.RECOMMENDER_MAX_IMPORT_ROWS,
    demoDir: v.RECOMMENDER_DEMO_DIR,
    eventWindow: { earliest: new Date(`${v.RECOMMENDER_EVENTS_FROM}T00:00:00Z`), maxFutureHours: v.RECOMMENDER_EVENTS_MAX_FUTURE_HOURS },
  };
}

import { parseEnvironment } from '@matrix/product-server';
import { z } from 'zod';

/** Largest JSON body: an import of a few hundred articles. */
export const JSON_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
/** Longest article body (characters). */
export const MAX_ARTICLE_CHARS = 50_000;
/** Most articles one import may hold. */
export const MAX_IMPORT_ARTICLES = 1000;
/** Most texts POST /api/understand takes at once. */
export const MAX_UNDERSTAND_TEXTS = 64;

const flag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'], { message: 'must be true or false' }))
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const probability = z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

const schema = z.object({
  /** Register the shipped intent heads with the gateway at boot when it lacks them. */
  CHATBOT_REGISTER_MODEL: flag.default(true),
  /** The gateway embedding model for knowledge-base retrieval. */
  CHATBOT_EMBEDDING_MODEL: z.string().min(1).max(200).default('use-lite-en'),
  /** Overrides of the decision rule shipped with the model (Rasa defaults 0.3 / 0.1). */
  CHATBOT_THRESHOLD: probability.optional(),
  CHATBOT_AMBIGUITY_GAP: probability.optional(),
  /**
   * Below this cosine similarity between the question and the best passage anywhere, the question is out of scope.
   * 0.25: the largest floor costing ≤ 1% of in-scope questions on tuning data (`npx nx run support-chatbot-api:tune-oos-floor`).
   */
  CHATBOT_MIN_SIMILARITY: z.coerce.number().min(-1).max(1).default(0.25),
  /** Longest customer or agent message (characters); longer gets 413. */
  CHATBOT_MAX_MESSAGE_CHARS: z.coerce.number().int().min(10).max(20_000).default(1000),
  /** Customer messages per conversation per minute; beyond gets 429 with Retry-After. */
  CHATBOT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(12),
  /** Seed the shipped demo bank knowledge base when the knowledge base is empty. */
  CHATBOT_SEED_KB: flag.default(true),
  /** How often pending work (messages kept while the gateway was down, unembedded articles) is retried, ms. */
  CHATBOT_RETRY_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Vector index: auto (pgvector when PostgreSQL has the extension, else in-process) | memory | pgvector. */
  CHATBOT_VECTOR_INDEX: z.enum(['auto', 'memory', 'pgvector'], { message: 'must be auto, memory or pgvector' }).default('auto'),
  /** In-process index only: how often the knowledge base's watermark is checked for other replicas' changes, ms. */
  CHATBOT_KB_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(500),
});

export interface ChatbotConfig {
  registerModel: boolean;
  embeddingModel: string;
  threshold?: number;
  gap?: number;
  minSimilarity: number;
  maxMessageChars: number;
  ratePerMinute: number;
  seedKnowledgeBase: boolean;
  retryMs: number;
  vectorIndex: 'auto' | 'memory' | 'pgvector';
  kbPollMs: number;
}

export const CHATBOT_CONFIG = 'chatbot:config';

export function loadChatbotConfig(env: NodeJS.ProcessEnv): ChatbotConfig {
  const v = parseEnvironment(schema, env, 'support-chatbot-api');
  return {
    registerModel: v.CHATBOT_REGISTER_MODEL,
    embeddingModel: v.CHATBOT_EMBEDDING_MODEL,
    threshold: v.CHATBOT_THRESHOLD,
    gap: v.CHATBOT_AMBIGUITY_GAP,
    minSimilarity: v.CHATBOT_MIN_SIMILARITY,
    maxMessageChars: v.CHATBOT_MAX_MESSAGE_CHARS,
    ratePerMinute: v.CHATBOT_RATE_PER_MINUTE,
    seedKnowledgeBase: v.CHATBOT_SEED_KB,
    retryMs: v.CHATBOT_RETRY_MS,
    vectorIndex: v.CHATBOT_VECTOR_INDEX,
    kbPollMs: v.CHATBOT_KB_POLL_MS,
  };
}

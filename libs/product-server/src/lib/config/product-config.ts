import { DEFAULT_BUSY_TIMEOUT_MS, productDatabaseEnvName, productDatabaseUrl, productKey } from '@matrix/db';
import { jobQueueEnvSchema, jobQueueSettingsFrom, type JobQueueSettings } from '@matrix/job-queue';
import { parsePiiRedaction, type PiiKind } from '@matrix/privacy';
import { z } from 'zod';
import { parseEnvironment } from './parse-environment';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const truthy = new Set(['1', 'true', 'yes', 'on']);

function databaseUrlSchema(name: string) {
  return z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, `${name} must start with file: (SQLite) or postgresql:// (PostgreSQL)`)
    .optional();
}

/** The variables every product API reads (its own extra ones it parses with parseEnvironment). */
export const productEnvSchema = z.object({
  PORT: z.coerce.number().int('PORT must be an integer').min(0).max(65_535, 'PORT must be at most 65535').optional(),
  HOST: z.string().default('127.0.0.1'),
  /** The base each product derives its own database from (see productDatabaseUrl); <PRODUCT>_DATABASE_URL overrides it. */
  DATABASE_URL: databaseUrlSchema('DATABASE_URL'),
  /** SQLite: how long a write waits for another connection's lock (then 503 + Retry-After); PostgreSQL: the pool wait bound. */
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int('DATABASE_BUSY_TIMEOUT_MS must be an integer').min(0).max(60_000).default(DEFAULT_BUSY_TIMEOUT_MS),
  GATEWAY_URL: z.url({ protocol: /^https?$/, message: 'GATEWAY_URL must be an http:// or https:// URL' }).default('http://127.0.0.1:8100'),
  GATEWAY_API_KEY: z.string().optional(),
  /** Comma-separated origins allowed by CORS, or `*`; unset = CORS off (the webs use a same-origin proxy). */
  CORS_ORIGINS: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** Human-readable single-line logs for local development (JSON otherwise). */
  LOG_PRETTY: z.string().optional(),
  /** Background jobs: JOB_QUEUE (in-process | bullmq), REDIS_URL, JOB_QUEUE_PREFIX (libs/job-queue). */
  ...jobQueueEnvSchema.shape,
});

export interface ProductConfig {
  /** Service name, e.g. "sentiment-api": logs, metrics and OpenAPI title use it. */
  name: string;
  host: string;
  port: number;
  /**
   * The product's own database: <PRODUCT>_DATABASE_URL, else derived from DATABASE_URL (a file per
   * product, or a schema per product on PostgreSQL), else file:<workspace>/tmp/<product>.db.
   */
  databaseUrl: string;
  /** Bound on waiting for a database lock or pool connection, ms (DATABASE_BUSY_TIMEOUT_MS, default 2000). */
  databaseBusyTimeoutMs: number;
  gatewayUrl: string;
  gatewayApiKey: string | undefined;
  /** `true` = any origin (`*`), a list = those origins, `false` = CORS off. */
  corsOrigins: string[] | boolean;
  logLevel: LogLevel;
  logPretty: boolean;
  /** In-process (default) or BullMQ on Redis (REDIS_URL / JOB_QUEUE=bullmq). */
  jobQueue: JobQueueSettings;
  /** What the product keeps of end users' text (issue 14): see privacyEnvNames. */
  privacy: ProductPrivacy;
}

export interface ProductPrivacy {
  /** PII kinds replaced by placeholders before storage (<PRODUCT>_PII_REDACTION; default all, `off` = none). */
  piiRedaction: PiiKind[];
  /** Rows older than this many days are deleted by the retention job (<PRODUCT>_RETENTION_DAYS; null = kept forever). */
  retentionDays: number | null;
}

/** The product's privacy variables, e.g. SENTIMENT_PII_REDACTION and SENTIMENT_RETENTION_DAYS (SUPPORT_CHATBOT_… for support-chatbot). */
export function privacyEnvNames(productName: string): { piiRedaction: string; retentionDays: string } {
  const prefix = productDatabaseEnvName(productKey(productName)).replace(/_DATABASE_URL$/, '');
  return { piiRedaction: `${prefix}_PII_REDACTION`, retentionDays: `${prefix}_RETENTION_DAYS` };
}

function piiRedactionSchema(name: string) {
  return z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parsePiiRedaction(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `${name}: ${(error as Error).message}` });
      }
    });
}

function retentionDaysSchema(name: string) {
  return z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ message: `${name} must be a number of days` })
      .positive(`${name} must be more than 0 days (unset it to keep data forever)`)
      .optional(),
  );
}

export interface ProductIdentity {
  name: string;
  /** Port when PORT is unset (each product has its own, e.g. sentiment-api 8110). */
  defaultPort: number;
}

function parseCorsOrigins(value: string | undefined): string[] | boolean {
  if (!value) return false;
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return origins.includes('*') ? true : origins;
}

/** Reads and validates the common product environment; throws ConfigError listing every bad variable. */
export function loadProductConfig(identity: ProductIdentity, env: NodeJS.ProcessEnv = process.env): ProductConfig {
  const ownUrl = productDatabaseEnvName(productKey(identity.name));
  // The product's own URL variable is named after it, so it joins the schema here (every bad variable listed at once).
  const privacyNames = privacyEnvNames(identity.name);
  const withOwnUrl = productEnvSchema.extend({
    [ownUrl]: databaseUrlSchema(ownUrl),
    [privacyNames.piiRedaction]: piiRedactionSchema(privacyNames.piiRedaction),
    [privacyNames.retentionDays]: retentionDaysSchema(privacyNames.retentionDays),
  });
  const v = parseEnvironment(withOwnUrl, env, identity.name) as unknown as z.infer<typeof productEnvSchema> & Record<string, string | undefined>;
  return {
    name: identity.name,
    host: v.HOST,
    port: v.PORT ?? identity.defaultPort,
    databaseUrl: productDatabaseUrl(identity.name, { DATABASE_URL: v.DATABASE_URL, [ownUrl]: v[ownUrl] }),
    databaseBusyTimeoutMs: v.DATABASE_BUSY_TIMEOUT_MS,
    gatewayUrl: v.GATEWAY_URL.replace(/\/+$/, ''),
    gatewayApiKey: v.GATEWAY_API_KEY,
    corsOrigins: parseCorsOrigins(v.CORS_ORIGINS),
    logLevel: v.LOG_LEVEL,
    logPretty: truthy.has((v.LOG_PRETTY ?? '').toLowerCase()),
    jobQueue: jobQueueSettingsFrom(v),
    privacy: {
      piiRedaction: parsePiiRedaction(v[privacyNames.piiRedaction]),
      retentionDays: (v[privacyNames.retentionDays] as unknown as number | undefined) ?? null,
    },
  };
}

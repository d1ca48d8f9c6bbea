import { createPrismaClient, migrateDatabase, PLATFORM_DATABASE, productDatabaseUrl, productKey, type DbClient } from '@matrix/db';
import { z } from 'zod';
import { parseEnvironment } from '../config/parse-environment';
import { PASSWORD_MIN_LENGTH } from './secrets';

/** Variables the identity store reads (every product API; the same values for all of them). */
export const identityEnvSchema = z
  .object({
    /** The shared identity store; else derived from DATABASE_URL (schema `platform`, or matrix-platform.db), else tmp/platform.db. */
    PLATFORM_DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, 'PLATFORM_DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)')
      .optional(),
    /** Bootstrap token: `Authorization: Bearer <it>` is admin in every product (tools, tests, automation). Unset by default. */
    MATRIX_ADMIN_TOKEN: z.string().min(24, 'MATRIX_ADMIN_TOKEN must have at least 24 characters (e.g. openssl rand -hex 32)').optional(),
    /** Sliding session lifetime in hours (each use moves the expiry). */
    STAFF_SESSION_TTL_HOURS: z.coerce
      .number()
      .positive('STAFF_SESSION_TTL_HOURS must be positive')
      .max(24 * 90)
      .default(12),
    /**
     * How long an API keeps a checked session or API token in memory before it asks the identity store again (0 = every
     * request asks). Sign-out, revocation, role changes and disabling through this API apply at once; made elsewhere
     * (another replica, `npm run users`), within this many seconds.
     */
    STAFF_CREDENTIAL_CACHE_SECONDS: z.coerce
      .number()
      .min(0, 'STAFF_CREDENTIAL_CACHE_SECONDS must be >= 0 (0 turns the cache off)')
      .max(300, 'STAFF_CREDENTIAL_CACHE_SECONDS must be at most 300: revocation elsewhere must not wait longer')
      .default(5),
    /** `false` drops the Secure cookie flag, only for plain-http access from another host than localhost/127.0.0.1. */
    MATRIX_COOKIE_SECURE: z.enum(['true', 'false'], { message: 'MATRIX_COOKIE_SECURE must be true or false' }).default('true'),
    /** First boot: creates this admin (admin in every product) when no user with that e-mail exists. */
    MATRIX_ADMIN_EMAIL: z.email('MATRIX_ADMIN_EMAIL must be an e-mail address').optional(),
    MATRIX_ADMIN_PASSWORD: z.string().min(PASSWORD_MIN_LENGTH, `MATRIX_ADMIN_PASSWORD needs at least ${PASSWORD_MIN_LENGTH} characters`).optional(),
  })
  .refine((v) => !!v.MATRIX_ADMIN_EMAIL === !!v.MATRIX_ADMIN_PASSWORD, {
    message: 'set MATRIX_ADMIN_EMAIL and MATRIX_ADMIN_PASSWORD together (or neither)',
    path: ['MATRIX_ADMIN_EMAIL'],
  });

export interface IdentitySettings {
  /** The product key roles are granted in, e.g. 'sentiment', 'support-chatbot' (as libs/db names product databases). */
  product: string;
  platformDatabaseUrl: string;
  adminToken: string | undefined;
  sessionTtlMs: number;
  /** STAFF_CREDENTIAL_CACHE_SECONDS in ms (0: off). */
  credentialCacheMs: number;
  cookieSecure: boolean;
  firstAdmin: { email: string; password: string } | undefined;
}

/** Keys read from the process environment when the app's own env (a test's) does not name them: the store is one per process. */
const PROCESS_WIDE = ['PLATFORM_DATABASE_URL', 'MATRIX_ADMIN_TOKEN'] as const;

/**
 * The identity settings of a product API. `env` is the app's environment; PLATFORM_DATABASE_URL and
 * MATRIX_ADMIN_TOKEN fall back to process.env when `env` lacks them (a test app's own env then still
 * uses the test run's platform store and bootstrap token).
 */
export function identitySettingsFrom(serviceName: string, env: NodeJS.ProcessEnv): IdentitySettings {
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const key of PROCESS_WIDE) if (!(key in env) && process.env[key] !== undefined) merged[key] = process.env[key];
  const v = parseEnvironment(identityEnvSchema, merged, serviceName);
  return {
    product: productKey(serviceName),
    platformDatabaseUrl: v.PLATFORM_DATABASE_URL ?? productDatabaseUrl(PLATFORM_DATABASE, merged),
    adminToken: v.MATRIX_ADMIN_TOKEN,
    sessionTtlMs: v.STAFF_SESSION_TTL_HOURS * 3_600_000,
    credentialCacheMs: Math.round(v.STAFF_CREDENTIAL_CACHE_SECONDS * 1000),
    cookieSecure: v.MATRIX_COOKIE_SECURE === 'true',
    firstAdmin: v.MATRIX_ADMIN_EMAIL && v.MATRIX_ADMIN_PASSWORD ? { email: v.MATRIX_ADMIN_EMAIL, password: v.MATRIX_ADMIN_PASSWORD } : undefined,
  };
}

const MIGRATION_RACE = /in use|busy|locked|timed? ?out|already exists|duplicate key|deadlock|serializ/i;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Migrates the platform database, then connects to it. Several APIs booting at once (npm start, four
 * replicas) all migrate the one shared store: on SQLite the first takes the file to itself and the
 * others wait for its lock or fail with "in use" until it is done, then see it up to date (read without the
 * engine); so such a failure is retried with jitter for up to `waitMs` before it stops the boot (any other at once).
 */
export async function openPlatformDatabase(
  url: string,
  options: { busyTimeoutMs?: number; waitMs?: number } = {},
): Promise<{ client: DbClient; applied: string[] }> {
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let attempt = 0;
  for (;;) {
    try {
      const { applied } = await migrateDatabase(url);
      return { client: createPrismaClient({ databaseUrl: url, busyTimeoutMs: options.busyTimeoutMs }), applied };
    } catch (error) {
      attempt += 1;
      // Only what another booting API causes (the file in use, a lock, a schema or row created at the same moment).
      if (!MIGRATION_RACE.test((error as Error).message) || Date.now() > deadline) throw error;
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
    }
  }
}

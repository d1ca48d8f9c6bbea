import { createHash } from 'node:crypto';
import { DynamicModule, ExecutionContext, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import {
  getOptionsToken,
  getStorageToken,
  ThrottlerGuard,
  ThrottlerStorageService,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { JobQueueSettings } from '@matrix/job-queue';
import { z } from 'zod';
import { ROUTE_ACCESS, type RouteAccess } from '../auth/access';
import { parseEnvironment } from '../config/parse-environment';
import { ApiError } from '../errors/api-error';
import { HealthController } from '../health/health.controller';
import { MetricsController } from '../metrics/metrics.controller';

/** Probes and scrapes are never limited: an orchestrator polling readiness must not be answered 429. */
const UNLIMITED_CONTROLLERS: ReadonlySet<unknown> = new Set([HealthController, MetricsController]);

/**
 * Rate limits (@nestjs/throttler), applied once to every product route from its access declaration:
 * - `sign-in`  (routes declared `@Public({ rateLimit: 'sign-in' })`): per client IP, strict — against password guessing;
 * - `public`   (other `@Public()` routes): per client IP;
 * - `visitor`  (`@Visitor(header)` routes): per visitor token (a hash of the header's value), per IP without one;
 * - `staff`    (`@Roles(...)` routes, routes that declare nothing, and `@Public({ rateLimit: 'staff' })` — GET /api/auth/session,
 *              read on every page load): per credential — the bearer token or the session cookie, else the IP — generous,
 *              so automation and busy consoles are not slowed down.
 * Over the limit: 429 `{code: 'rate_limited', error}` with `Retry-After` (seconds). Counters live in memory, or in
 * Redis in production mode (REDIS_URL / JOB_QUEUE=bullmq, the job queue's switch) so every replica shares them.
 * Each limit is requests per window (RATE_LIMIT_WINDOW_SECONDS, default 60); 0 turns that bucket off.
 * If the Redis counters fail, sign-in answers 503 (Retry-After) and the other routes go unlimited until Redis is back.
 * Health probes and /metrics are not limited. Client IPs come from Fastify's `request.ip`, which honours X-Forwarded-For only from proxies trusted by TRUST_PROXY.
 */
export const RATE_LIMIT_BUCKETS = ['sign-in', 'public', 'visitor', 'staff'] as const;
export type RateLimitBucketName = (typeof RATE_LIMIT_BUCKETS)[number];

const limit = (name: string, fallback: number) =>
  z.coerce.number().int(`${name} must be an integer`).min(0, `${name} must be >= 0 (0 turns it off)`).max(1_000_000).default(fallback);

export const rateLimitEnvSchema = z.object({
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int('RATE_LIMIT_WINDOW_SECONDS must be an integer').min(1).max(86_400).default(60),
  RATE_LIMIT_SIGN_IN: limit('RATE_LIMIT_SIGN_IN', 10),
  RATE_LIMIT_PUBLIC: limit('RATE_LIMIT_PUBLIC', 300),
  RATE_LIMIT_VISITOR: limit('RATE_LIMIT_VISITOR', 120),
  RATE_LIMIT_STAFF: limit('RATE_LIMIT_STAFF', 6000),
});

export interface RateLimitSettings {
  windowMs: number;
  limits: Record<RateLimitBucketName, number>;
  /** Redis in production mode (shared by every replica); memory otherwise. */
  storage: { kind: 'memory' } | { kind: 'redis'; url: string; prefix: string };
}

export function rateLimitSettingsFrom(env: NodeJS.ProcessEnv, jobQueue: JobQueueSettings, service: string): RateLimitSettings {
  const v = parseEnvironment(rateLimitEnvSchema, env, service);
  return {
    windowMs: v.RATE_LIMIT_WINDOW_SECONDS * 1000,
    limits: { 'sign-in': v.RATE_LIMIT_SIGN_IN, public: v.RATE_LIMIT_PUBLIC, visitor: v.RATE_LIMIT_VISITOR, staff: v.RATE_LIMIT_STAFF },
    storage: redisOf(env, jobQueue),
  };
}

/** Production mode as the job queue reads it: REDIS_URL set (or JOB_QUEUE=bullmq) means Redis, shared by every replica. */
function redisOf(env: NodeJS.ProcessEnv, jobQueue: JobQueueSettings): RateLimitSettings['storage'] {
  if (jobQueue.driver === 'bullmq') return { kind: 'redis', url: jobQueue.redisUrl, prefix: jobQueue.prefix };
  const url = env.REDIS_URL?.trim();
  return url ? { kind: 'redis', url, prefix: env.JOB_QUEUE_PREFIX?.trim() || 'matrix' } : { kind: 'memory' };
}

/** The bucket a route's access declaration puts it in (undeclared routes are admin-only, so staff). */
export function bucketOf(access: RouteAccess | undefined): RateLimitBucketName {
  if (!access || access.kind === 'staff') return 'staff';
  if (access.kind === 'visitor') return access.rateLimit === 'sign-in' || access.rateLimit === 'public' ? access.rateLimit : 'visitor';
  return access.rateLimit ?? 'public';
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function header(request: { headers: Record<string, string | string[] | undefined> }, name: string): string | undefined {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/** The session cookie's value, if the request carries one (parsed by hand: the limiter runs before any cookie plugin matters). */
function sessionCookie(request: { headers: Record<string, string | string[] | undefined> }): string | undefined {
  const cookies = header(request, 'cookie');
  const match = cookies && /(?:^|;\s*)matrix_session=([^;]+)/.exec(cookies);
  return match ? match[1] : undefined;
}

interface TrackedRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Who a request counts against in `bucket`: its IP, its visitor token or its staff credential (hashed, never stored as sent). */
export function trackerOf(request: TrackedRequest, bucket: RateLimitBucketName, access: RouteAccess | undefined): string {
  const ip = `ip:${request.ip ?? 'unknown'}`;
  if (bucket === 'visitor' && access?.kind === 'visitor') {
    const token = header(request, access.header);
    return token ? `visitor:${sha256(token)}` : ip;
  }
  if (bucket === 'staff') {
    const auth = header(request, 'authorization');
    const bearer = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : undefined;
    if (bearer) return `token:${sha256(bearer)}`;
    const session = sessionCookie(request);
    if (session) return `session:${sha256(session)}`;
  }
  return ip;
}

export const RATE_LIMIT_SETTINGS = 'matrix:RateLimitSettings';
/** The counters' storage of the rate limits (memory, or Redis in production mode): products inject it for limits of their own. */
export const RATE_LIMIT_STORAGE = getStorageToken();

/**
 * A product's own per-key limit (e.g. the chatbot's messages per conversation per minute) on the rate
 * limits' storage: in Redis in production mode, so every replica counts against one limit; a fixed
 * window of `windowMs` (the throttler storage's). `take` answers 0 when allowed, else the seconds to wait.
 * If Redis fails, the limit is not applied (logged by the caller's `onError`) rather than refusing the request.
 */
export class SharedWindowLimiter {
  constructor(
    private readonly storage: ThrottlerStorage,
    private readonly settings: RateLimitSettings,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  async take(key: string): Promise<number> {
    const prefix = this.settings.storage.kind === 'redis' ? `${this.settings.storage.prefix}:limit` : 'limit';
    try {
      const record = await this.storage.increment(`${prefix}:${this.name}:${sha256(key)}`, this.windowMs, this.limit, this.windowMs, this.name);
      return record.isBlocked ? Math.max(1, Math.ceil(record.timeToBlockExpire)) : 0;
    } catch (error) {
      this.onError(error as Error);
      return 0;
    }
  }
}

/** The throttler guard, driven by the route's access declaration instead of @Throttle decorators. */
@Injectable()
export class AccessRateLimitGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(RATE_LIMIT_SETTINGS) private readonly settings: RateLimitSettings,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || UNLIMITED_CONTROLLERS.has(context.getClass())) return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
    const bucket = bucketOf(access);
    const throttler = this.throttlers.find((t) => t.name === bucket);
    if (!throttler) return true; // that bucket is off (limit 0)
    const prefix = this.settings.storage.kind === 'redis' ? `${this.settings.storage.prefix}:rate-limit` : 'rate-limit';
    try {
      return await this.handleRequest({
        context,
        limit: throttler.limit as number,
        ttl: throttler.ttl as number,
        blockDuration: throttler.ttl as number,
        throttler,
        getTracker: (req) => trackerOf(req as TrackedRequest, bucket, access),
        // One counter per bucket and caller across all of the bucket's routes (not one per route).
        generateKey: (_context, tracker) => `${prefix}:${bucket}:${sha256(tracker)}`,
      });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // The counters' store (Redis) failed. Sign-in stays closed — no password guessing while nothing counts —
      // the rest of the API keeps answering (its own guard still applies), and the log says so.
      this.logger.warn(`rate limit store unavailable (${(error as Error).message}); ${bucket === 'sign-in' ? 'refusing sign-in' : 'not limiting'} meanwhile`);
      if (bucket === 'sign-in') {
        throw new ApiError(503, 'rate_limit_unavailable', 'sign-in is briefly unavailable; try again shortly', undefined, { 'retry-after': '5' });
      }
      return true;
    }
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ApiError(
      429,
      'rate_limited',
      `too many requests: at most ${detail.limit} per ${Math.round(detail.ttl / 1000)} s; retry in ${seconds} s`,
      undefined,
      {
        'retry-after': String(seconds),
      },
    );
  }
}

/** Closes the Redis connection of the Redis storage on shutdown. */
@Injectable()
class StorageCloser implements OnModuleDestroy {
  constructor(@Inject(getStorageToken()) private readonly storage: ThrottlerStorage) {}

  onModuleDestroy(): void {
    if (this.storage instanceof ThrottlerStorageRedisService) this.storage.redis.disconnect();
    else if (this.storage instanceof ThrottlerStorageService) this.storage.onApplicationShutdown();
  }
}

function createStorage(settings: RateLimitSettings): ThrottlerStorage {
  if (settings.storage.kind === 'memory') return new ThrottlerStorageService();
  // A command fails after one retry instead of waiting forever while Redis is away (the request then answers 500, not hangs).
  return new ThrottlerStorageRedisService(settings.storage.url, { maxRetriesPerRequest: 1 });
}

@Module({})
export class RateLimitModule {
  static forRoot(settings: RateLimitSettings): DynamicModule {
    const throttlers: ThrottlerOptions[] = RATE_LIMIT_BUCKETS.filter((name) => settings.limits[name] > 0).map((name) => ({
      name,
      limit: settings.limits[name],
      ttl: settings.windowMs,
    }));
    return {
      module: RateLimitModule,
      // Global: product modules inject the storage and settings (RATE_LIMIT_STORAGE, RATE_LIMIT_SETTINGS) for limits of their own.
      global: true,
      exports: [RATE_LIMIT_SETTINGS, getStorageToken()],
      providers: [
        { provide: RATE_LIMIT_SETTINGS, useValue: settings },
        { provide: getOptionsToken(), useValue: { throttlers, setHeaders: true } satisfies ThrottlerModuleOptions },
        { provide: getStorageToken(), useFactory: () => createStorage(settings) },
        StorageCloser,
        { provide: APP_GUARD, useClass: AccessRateLimitGuard },
      ],
    };
  }
}

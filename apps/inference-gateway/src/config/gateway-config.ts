import { join, resolve } from 'node:path';
import { bundledManifestsDir } from '@matrix/model-loading';
import { workspaceRoot } from '@matrix/paths';
import { z } from 'zod';

const truthy = (value: string | undefined) => ['1', 'true', 'yes', 'on'].includes((value ?? '').toLowerCase());

const envSchema = z.object({
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(8100),
  /** The model repository: a YAML or JSON manifest (libs/model-loading validates it). */
  MODEL_MANIFEST: z.string().optional(),
  GATEWAY_API_KEYS: z.string().optional(),
  /** Where files of models registered at run time (load with config + files) are kept. */
  GATEWAY_MODEL_STORE: z.string().optional(),
  /**
   * How often each replica rescans the shared model registry (records in GATEWAY_MODEL_STORE/.registry):
   * a replacement or unload made on another replica applies here within this time. 0: only at boot and on a miss.
   */
  GATEWAY_REGISTRY_RESCAN_MS: z.coerce.number().int().min(0).default(2000),
  /** Models are unloaded least-recently-used first when their estimated memory exceeds this. */
  GATEWAY_MEMORY_BUDGET_MB: z.coerce.number().positive().default(4096),
  /** Largest request body (JSON tensors, images). */
  GATEWAY_MAX_BODY_MB: z.coerce.number().positive().max(1024).default(32),
  /** Default per-request deadline in the queue; clients may lower it with `timeout_ms`. */
  GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** GATEWAY_BATCHING=off turns dynamic batching off (maxBatchSize 1) — for benchmarks. */
  GATEWAY_BATCHING: z.enum(['on', 'off']).default('on'),
  /** Seconds to wait for queues to drain on SIGTERM before giving up. */
  GATEWAY_SHUTDOWN_GRACE_S: z.coerce.number().positive().default(20),
  /** V8 heap growth between full collections, in percent of the live heap (heap-growth.ts); 0: V8's default. */
  GATEWAY_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(1000).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GATEWAY_LOG_PRETTY: z.string().optional(),
});

export interface GatewayConfig {
  host: string;
  port: number;
  manifestPath: string;
  apiKeys: string | undefined;
  modelStoreDir: string;
  registryRescanMs: number;
  memoryBudgetMb: number;
  maxBodyBytes: number;
  heapGrowingPercent: number;
  requestTimeoutMs: number;
  batching: boolean;
  shutdownGraceMs: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logPretty: boolean;
}

/** The gateway is configured by environment variables only (12-factor); bad values stop the boot. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid gateway configuration:\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  return {
    host: v.GATEWAY_HOST,
    port: v.GATEWAY_PORT,
    manifestPath: v.MODEL_MANIFEST ? resolve(workspaceRoot(), v.MODEL_MANIFEST) : join(bundledManifestsDir(), 'offline.yaml'),
    apiKeys: v.GATEWAY_API_KEYS,
    modelStoreDir: resolve(workspaceRoot(), v.GATEWAY_MODEL_STORE ?? join('tmp', 'model-store')),
    registryRescanMs: v.GATEWAY_REGISTRY_RESCAN_MS,
    memoryBudgetMb: v.GATEWAY_MEMORY_BUDGET_MB,
    maxBodyBytes: Math.round(v.GATEWAY_MAX_BODY_MB * 1024 * 1024),
    heapGrowingPercent: v.GATEWAY_HEAP_GROWING_PERCENT,
    requestTimeoutMs: v.GATEWAY_REQUEST_TIMEOUT_MS,
    batching: v.GATEWAY_BATCHING === 'on',
    shutdownGraceMs: v.GATEWAY_SHUTDOWN_GRACE_S * 1000,
    logLevel: v.LOG_LEVEL,
    logPretty: truthy(v.GATEWAY_LOG_PRETTY),
  };
}

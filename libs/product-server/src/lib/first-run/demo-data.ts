import type { DbClient, Job } from '@matrix/db';
import { Prisma } from '@matrix/db';
import { GatewayError } from '@matrix/gateway-client';
import { isTransient } from '../errors/transient';
import type { CheckResult, ReadinessCheck } from '../health/readiness';

/** The job kind of every product's first-run demo data. */
export const DEMO_DATA_KIND = 'demo-data';

const on = new Set(['1', 'true', 'yes', 'on']);
const off = new Set(['0', 'false', 'no', 'off']);

/**
 * Whether a product loads its demo data on first start: `<PRODUCT>_DEMO_DATA` (e.g. RECOMMENDER_DEMO_DATA=0), else
 * MATRIX_DEMO_DATA, else on for the embedded default (SQLite, which `npm start` uses) and off on PostgreSQL (a real
 * deployment starts empty) and under Jest (tests create the data they assert on). `runtime` is this process's own
 * environment: a test passes the API its own `env` object, but still runs under Jest.
 */
export function demoDataEnabled(env: NodeJS.ProcessEnv, variable: string, runtime: NodeJS.ProcessEnv = process.env): boolean {
  for (const value of [env[variable], env.MATRIX_DEMO_DATA]) {
    const word = value?.trim().toLowerCase();
    if (word && on.has(word)) return true;
    if (word && off.has(word)) return false;
  }
  const underTest = (e: NodeJS.ProcessEnv) => e.JEST_WORKER_ID !== undefined || e.NODE_ENV === 'test';
  if (underTest(env) || underTest(runtime)) return false;
  return !env.DATABASE_URL || env.DATABASE_URL.startsWith('file:');
}

export interface DemoDataSpec {
  /** Job.product, e.g. "recommender". */
  product: string;
  enabled: boolean;
  /** Whether the product already holds data of its own (then no demo job is queued: never overwrite a user's data). */
  hasData: () => Promise<boolean>;
}

/** One id per product, so a second start (or a second replica racing the first) cannot queue the job twice. */
export function demoDataJobId(product: string): string {
  return `${product}-demo-data`;
}

export type DemoDataDecision = 'disabled' | 'already-queued' | 'has-data' | 'queued' | 'requeued';

/**
 * Whether first-run work should wait and try again: what isTransient says, and a gateway that did not answer in
 * time (at first start it is often busy loading models beside the webs' builds; a person's request would fail fast,
 * a background demo job can wait).
 */
export function worthWaitingFor(error: unknown): boolean {
  return isTransient(error) || (error instanceof GatewayError && error.status === 0);
}

/**
 * On first start: stores the product's demo-data job as queued when it is enabled, the product holds no data and no
 * such job was ever stored (a person who deleted the demo data does not get it back); a job that failed is queued
 * again while the product is still empty. Call it
 * in onModuleInit: the job queue starts after every module and runs every queued job, this one included.
 */
export async function queueDemoDataJob(db: DbClient, spec: DemoDataSpec): Promise<DemoDataDecision> {
  if (!spec.enabled) return 'disabled';
  const id = demoDataJobId(spec.product);
  const existing = await db.job.findUnique({ where: { id }, select: { status: true } });
  if (existing) {
    // A job that failed (the gateway never came up, a restart mid-way) is tried again at the next start while the
    // product is still empty; a cancelled one is a person's choice and stays.
    if (existing.status !== 'failed' || (await spec.hasData())) return 'already-queued';
    await db.job.update({ where: { id }, data: { status: 'queued', error: null, progress: 0, done: 0, finishedAt: null, result: null } });
    return 'requeued';
  }
  if (await spec.hasData()) return 'has-data';
  try {
    await db.job.create({ data: { id, product: spec.product, kind: DEMO_DATA_KIND, params: JSON.stringify({ demo: true }) } });
    return 'queued';
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return 'already-queued';
    throw error;
  }
}

/** The readiness check of the demo data, given the job row (if any) and whether the product holds data. */
export function demoDataCheck(job: Pick<Job, 'status' | 'progress' | 'error'> | null, hasData: boolean): CheckResult {
  if (!job) return hasData ? { ok: true, detail: 'the product holds its own data' } : { ok: false, reason: 'the demo data job is not queued yet' };
  const percent = Math.round(job.progress * 100);
  switch (job.status) {
    case 'succeeded':
      return { ok: true, detail: 'demo data loaded' };
    case 'queued':
      return { ok: false, reason: 'loading the demo data: queued' };
    case 'running':
      return { ok: false, reason: `loading the demo data: ${percent} %` };
    default:
      // Failed or cancelled: the product answers without it; saying "not ready" for ever would help nobody.
      return { ok: true, detail: `no demo data (the job ${job.status}${job.error ? `: ${job.error}` : ''})` };
  }
}

/** /health/ready's "demo-data" check: not ready until the first-run job has finished (or there was nothing to load). */
export function demoDataReadiness(db: DbClient, spec: DemoDataSpec): ReadinessCheck {
  let settled: CheckResult | undefined;
  return async () => {
    if (settled) return settled;
    if (!spec.enabled) return { ok: true, detail: 'demo data off' };
    const job = await db.job.findUnique({ where: { id: demoDataJobId(spec.product) }, select: { status: true, progress: true, error: true } });
    const result = demoDataCheck(job, job ? false : await spec.hasData());
    // Once finished it stays finished: later checks cost no query.
    if (result.ok) settled = result;
    return result;
  };
}

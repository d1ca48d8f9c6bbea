import { Prisma, type DbClient, type Job } from '@matrix/db';

export interface CreateJobOnceResult {
  job: Job;
  /** false: a job with this key already existed (a resubmission), and it is what `job` is. */
  created: boolean;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/**
 * Creates a product's job at most once per Idempotency-Key: a resubmission of the same upload (a retry after a lost
 * answer, a second click) gets the existing job instead of a second one. `create` stores the Job row — with
 * `idempotencyKey: key` — and its input, in its own transaction. Two submissions racing on one key meet the unique
 * (product, idempotencyKey) index: the loser returns the winner's job. Without a key, `create` just runs.
 */
export async function createJobOnce(db: DbClient, product: string, key: string | undefined, create: () => Promise<Job>): Promise<CreateJobOnceResult> {
  if (!key) return { job: await create(), created: true };
  const existing = await db.job.findFirst({ where: { product, idempotencyKey: key } });
  if (existing) return { job: existing, created: false };
  try {
    return { job: await create(), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.job.findFirst({ where: { product, idempotencyKey: key } });
    if (!winner) throw error;
    return { job: winner, created: false };
  }
}

import type { Prisma } from './generated-clients';
import type { DbClient } from './prisma-client';

/** The client handed to a transaction callback: every model, no $connect/$transaction. */
export type DbTransaction = Prisma.TransactionClient;

export interface TransactionOptions {
  /** Longest wait for a connection/lock before starting, ms (Prisma default 2000). */
  maxWait?: number;
  /** Longest the whole callback may run, ms (Prisma default 5000; raise it for batch writes). */
  timeout?: number;
}

/**
 * Runs `work` in one database transaction: if it throws (or times out), nothing it wrote is
 * kept, and the error is rethrown. Use it whenever a product writes more than one row that
 * must agree (a job and its results, a batch of scores), so a crash never leaves half of it.
 *
 * Rules inside `work`: use only `tx` (writes through the outer client are not part of the
 * transaction); keep it short and database-only (no model inference or HTTP calls while
 * the transaction holds locks; on SQLite it blocks every other writer); do the slow work
 * first, then write its results in one withTransaction call.
 */
export function withTransaction<T>(client: DbClient, work: (tx: DbTransaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  return client.$transaction(work, { maxWait: options.maxWait ?? 5000, timeout: options.timeout ?? 15000 });
}

import { Prisma, type DbClient } from '@matrix/db';
import type { JobQueue } from '@matrix/job-queue';
import type { ProductConfig } from '../config/product-config';
import type { ProductJobs } from '../jobs/product-jobs.service';
import type { AuditLog } from './audit-log.service';
import { ProductRetention, RETENTION_CHUNK, RETENTION_KIND } from './product-retention.service';

const DAY = 24 * 60 * 60 * 1000;

function setup(retentionDays: number | null) {
  const jobRows = new Set<string>();
  const db = {
    job: {
      create: jest.fn(async ({ data }: { data: { id: string } }) => {
        if (jobRows.has(data.id)) throw new Prisma.PrismaClientKnownRequestError('unique', { code: 'P2002', clientVersion: 'test' });
        jobRows.add(data.id);
        return data;
      }),
      deleteMany: jest.fn(async () => ({ count: 0 })),
    },
  };
  const jobs = { define: jest.fn() };
  const queue = { enqueue: jest.fn(async () => undefined), start: jest.fn(async () => undefined) };
  const audit = { record: jest.fn(async () => undefined) };
  const config = { name: 'demo-api', privacy: { piiRedaction: [], retentionDays } } as unknown as ProductConfig;
  const retention = new ProductRetention(
    jobs as unknown as ProductJobs,
    queue as unknown as JobQueue,
    db as unknown as DbClient,
    audit as unknown as AuditLog,
    config,
  );
  return { retention, db, jobs, queue, audit };
}

describe('ProductRetention', () => {
  it('deletes each target in chunks until a chunk comes back short, from the window’s cutoff, and audits the run as the system', async () => {
    const { retention, jobs, audit } = setup(30);
    const cutoffs: Date[] = [];
    let left = RETENTION_CHUNK * 2 + 7;
    retention.register([
      {
        name: 'rows',
        deleteOlderThan: async (cutoff, limit) => {
          cutoffs.push(cutoff);
          const n = Math.min(left, limit);
          left -= n;
          return n;
        },
      },
      { name: 'none', deleteOlderThan: async () => 0 },
    ]);
    expect(jobs.define).toHaveBeenCalledWith(expect.objectContaining({ product: 'demo', kind: RETENTION_KIND }));
    const now = new Date('2026-12-03T12:00:00Z');
    const report = await retention.run(now);
    expect(report).toEqual({
      retentionDays: 30,
      cutoff: new Date(now.getTime() - 30 * DAY).toISOString(),
      deleted: { rows: RETENTION_CHUNK * 2 + 7, none: 0 },
    });
    expect(cutoffs).toHaveLength(3);
    expect(audit.record).toHaveBeenCalledWith(null, 'retention.run', null, report, { system: true });
  });

  it('queues one job per product and hour, however often it is asked (replicas, boot)', async () => {
    const { retention, queue } = setup(7);
    retention.register([{ name: 'rows', deleteOlderThan: async () => 0 }]);
    const at = new Date('2026-12-03T12:15:00Z');
    expect(await retention.schedule(at)).toBe('demo-retention-2026120312');
    expect(await retention.schedule(new Date('2026-12-03T12:45:00Z'))).toBe('demo-retention-2026120312');
    expect(queue.enqueue).toHaveBeenCalledTimes(1);
    expect(await retention.schedule(new Date('2026-12-03T13:00:00Z'))).toBe('demo-retention-2026120313');
  });

  it('does nothing when <PRODUCT>_RETENTION_DAYS is unset', async () => {
    const { retention, queue } = setup(null);
    retention.register([{ name: 'rows', deleteOlderThan: async () => 0 }]);
    await retention.onApplicationBootstrap();
    expect(await retention.schedule()).toBeNull();
    expect(queue.start).not.toHaveBeenCalled();
    await expect(retention.run()).rejects.toThrow('retention is off');
  });
});

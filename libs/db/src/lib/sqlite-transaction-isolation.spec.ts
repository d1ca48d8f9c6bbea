// One SQLite connection per client: Prisma's better-sqlite3 adapter runs a transaction's statements
// and every other query of the client on that one connection. Without a guard, a write made outside
// the transaction while it is open lands inside it — and is lost if the transaction rolls back.
import { createTestDatabase, type TestDatabase } from './test-database';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite client: writes outside an open transaction', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await db.client.job.count(); // connected
  });
  afterAll(() => db?.drop());

  it('keeps a write made while another transaction is open and then rolls back', async () => {
    const failing = db.client.$transaction(async (tx) => {
      await tx.job.create({ data: { product: 'p', kind: 'inside' } });
      await sleep(300);
      throw new Error('the import failed');
    });
    await sleep(50);
    const outside = await db.client.job.create({ data: { product: 'p', kind: 'outside' } });
    await expect(failing).rejects.toThrow('the import failed');
    expect((await db.client.job.findMany({ select: { kind: true } })).map((job) => job.kind)).toEqual(['outside']);
    expect(outside.kind).toBe('outside');
  });

  it('lets the outside write wait only for the open transaction, then run', async () => {
    const started = performance.now();
    const transaction = db.client.$transaction(async (tx) => {
      await tx.job.create({ data: { product: 'q', kind: 'tx' } });
      await sleep(200);
    });
    await sleep(20);
    await db.client.job.create({ data: { product: 'q', kind: 'after' } });
    await transaction;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await db.client.job.count({ where: { product: 'q' } })).toBe(2);
  });
});

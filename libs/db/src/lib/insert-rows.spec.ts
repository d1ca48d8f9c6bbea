// insertRows on both databases (PostgreSQL must be running on 127.0.0.1:5432), with the platform's Job table.
import { insertRows } from './insert-rows';
import { createTestDatabase, type TestDatabase } from './test-database';
import { PROVIDERS } from './test-support';
import { withTransaction } from './transaction';

const COLUMNS = ['id', 'product', 'kind', 'total', 'createdAt', 'updatedAt'] as const;

describe.each(PROVIDERS)('insertRows on %s', (provider) => {
  let db: TestDatabase;
  const when = new Date('2026-12-04T10:11:12.345Z');

  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('writes every row with its nulls and dates as Prisma reads them back', async () => {
    const rows = [
      { id: 'a1', product: 'p', kind: 'k', total: 3, createdAt: when, updatedAt: when },
      { id: 'a2', product: "o'quote", kind: 'k', total: null, createdAt: when, updatedAt: when },
    ];
    expect(await insertRows(db.client, 'Job', COLUMNS, rows)).toBe(2);
    const stored = await db.client.job.findMany({ where: { id: { in: ['a1', 'a2'] } }, orderBy: { id: 'asc' } });
    expect(stored.map((j) => [j.id, j.product, j.total, j.createdAt.toISOString(), j.status])).toEqual([
      ['a1', 'p', 3, when.toISOString(), 'queued'],
      ['a2', "o'quote", null, when.toISOString(), 'queued'],
    ]);
  });

  it('skips rows that repeat a unique key when asked, and counts only the rows written', async () => {
    const rows = ['a1', 'b1'].map((id) => ({ id, product: 'again', kind: 'k', total: 1, createdAt: when, updatedAt: when }));
    expect(await insertRows(db.client, 'Job', COLUMNS, rows, { skipConflictsOn: ['id'] })).toBe(1);
    expect((await db.client.job.findUniqueOrThrow({ where: { id: 'a1' } })).product).toBe('p');
    await expect(insertRows(db.client, 'Job', COLUMNS, rows)).rejects.toThrow();
  });

  it('splits rows over statements below the parameter limit, inside one transaction', async () => {
    // 6 columns: at most 5,333 rows per statement, so 6,000 rows take two.
    const rows = Array.from({ length: 6000 }, (_, i) => ({ id: `bulk-${i}`, product: 'bulk', kind: 'k', total: i, createdAt: when, updatedAt: when }));
    await expect(
      withTransaction(db.client, async (tx) => {
        await insertRows(tx, 'Job', COLUMNS, rows);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.client.job.count({ where: { product: 'bulk' } })).toBe(0);
    expect(await insertRows(db.client, 'Job', COLUMNS, rows)).toBe(6000);
    expect(await db.client.job.count({ where: { product: 'bulk' } })).toBe(6000);
  });

  it('refuses a table or column name that is not a plain identifier', async () => {
    await expect(insertRows(db.client, 'Job"; DROP TABLE "Job', COLUMNS, [])).rejects.toThrow('not a plain table or column name');
  });
});

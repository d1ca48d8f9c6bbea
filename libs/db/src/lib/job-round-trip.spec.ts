// End to end on both databases: migrate a fresh database, then use the Job model the way a
// product does. PostgreSQL must be running (127.0.0.1:5432); if not, these tests FAIL with
// the command that starts it.
import { migrateDatabase } from './migrate-database';
import { migrationStatus } from './offline-toolkit';
import { createTestDatabase, type TestDatabase } from './test-database';
import { PROVIDERS, migrationNames, sha256OfMigration } from './test-support';
import { withTransaction } from './transaction';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number | bigint;
}

describe.each(PROVIDERS)('database layer on %s', (provider) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('applies every committed migration to a fresh database', () => {
    const names = migrationNames(provider);
    expect(names.length).toBeGreaterThan(0);
    expect(db.applied).toEqual(names);
  });

  it('records each migration in _prisma_migrations with its SHA-256 checksum, as Prisma does', async () => {
    const rows = await db.client.$queryRawUnsafe<MigrationRow[]>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames(provider));
    for (const row of rows) {
      expect(row.checksum).toBe(sha256OfMigration(provider, row.migration_name));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it('is idempotent: a second deploy applies nothing and status is up to date', async () => {
    await expect(migrateDatabase(db.url)).resolves.toEqual({ provider, applied: [] });
    const status = await migrationStatus({ databaseUrl: db.url });
    expect(status).toMatchObject({ provider, pending: [], failed: [], edited: [], upToDate: true });
    const count = await db.client.$queryRawUnsafe<Array<{ n: number | bigint }>>('SELECT COUNT(*) AS n FROM _prisma_migrations');
    expect(Number(count[0].n)).toBe(migrationNames(provider).length);
  });

  it('creates, reads and updates a Job', async () => {
    const created = await db.client.job.create({
      data: { product: 'recommender', kind: 'train-mf', total: 10, params: JSON.stringify({ epochs: 3 }) },
    });
    // Defaults from platform.prisma.
    expect(created).toMatchObject({ status: 'queued', progress: 0, done: 0, result: null, error: null, startedAt: null });
    expect(created.id).toMatch(/^c[a-z0-9]{20,}$/); // cuid()
    expect(created.createdAt).toBeInstanceOf(Date);

    const startedAt = new Date('2026-01-02T03:04:05.678Z');
    await db.client.job.update({ where: { id: created.id }, data: { status: 'running', startedAt, done: 5, progress: 0.5 } });
    const finishedAt = new Date('2026-01-02T03:09:00.000Z');
    await db.client.job.update({
      where: { id: created.id },
      data: { status: 'succeeded', done: 10, progress: 1, finishedAt, result: JSON.stringify({ rmse: 0.91 }) },
    });

    const read = await db.client.job.findUniqueOrThrow({ where: { id: created.id } });
    expect(read).toMatchObject({ product: 'recommender', kind: 'train-mf', status: 'succeeded', total: 10, done: 10, progress: 1 });
    expect(read.startedAt?.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(read.finishedAt?.toISOString()).toBe('2026-01-02T03:09:00.000Z');
    expect(JSON.parse(read.params)).toEqual({ epochs: 3 });
    expect(JSON.parse(read.result ?? 'null')).toEqual({ rmse: 0.91 });
    expect(read.updatedAt.getTime()).toBeGreaterThanOrEqual(read.createdAt.getTime());

    // The (product, status) index serves this query.
    const running = await db.client.job.findMany({ where: { product: 'recommender', status: 'succeeded' } });
    expect(running.map((job) => job.id)).toEqual([created.id]);
  });

  it('keeps nothing from a transaction whose callback throws', async () => {
    await expect(
      withTransaction(db.client, async (tx) => {
        await tx.job.create({ data: { product: 'tx-throw', kind: 'import' } });
        await tx.job.create({ data: { product: 'tx-throw', kind: 'import' } });
        throw new Error('boom after two writes');
      }),
    ).rejects.toThrow('boom after two writes');
    await expect(db.client.job.count({ where: { product: 'tx-throw' } })).resolves.toBe(0);
  });

  it('keeps nothing from a transaction that hits a database error', async () => {
    await expect(
      withTransaction(db.client, async (tx) => {
        await tx.job.create({ data: { id: 'dup-1', product: 'tx-db-error', kind: 'import' } });
        await tx.job.create({ data: { id: 'dup-1', product: 'tx-db-error', kind: 'import' } }); // same primary key
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await expect(db.client.job.count({ where: { product: 'tx-db-error' } })).resolves.toBe(0);
  });

  it('commits everything from a transaction that succeeds', async () => {
    const ids = await withTransaction(db.client, async (tx) => {
      const a = await tx.job.create({ data: { product: 'tx-ok', kind: 'import' } });
      const b = await tx.job.create({ data: { product: 'tx-ok', kind: 'import' } });
      return [a.id, b.id];
    });
    await expect(db.client.job.count({ where: { id: { in: ids } } })).resolves.toBe(2);
  });
});

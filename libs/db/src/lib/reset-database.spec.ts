// `reset` drops everything, so the next deploy starts from zero (fix 7 for SQLite).
import { deployMigrations, migrationStatus, resetDatabase } from './offline-toolkit';
import { createTestDatabase, type TestDatabase } from './test-database';
import { PROVIDERS, migrationNames } from './test-support';

describe.each(PROVIDERS)('resetDatabase on %s', (provider) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('drops the tables and the migration history; deploy then re-applies every migration', async () => {
    await db.client.job.create({ data: { product: 'reset-test', kind: 'k' } });

    // Migrating needs the SQLite file to itself (WAL mode + the engine's exclusive lock): close the client first.
    await db.client.$disconnect();
    await resetDatabase({ databaseUrl: db.url });
    const status = await migrationStatus({ databaseUrl: db.url });
    expect(status.pending).toEqual(migrationNames(provider));
    expect(status.upToDate).toBe(false);

    await expect(deployMigrations({ databaseUrl: db.url })).resolves.toEqual({ provider, applied: migrationNames(provider) });
    await expect(db.client.job.count()).resolves.toBe(0);
  });
});

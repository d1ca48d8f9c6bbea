// `migrate --name`: on a temp copy of prisma/schema and prisma/migrations, add a field and
// check a new migration appears for both providers, with the SQL each database needs, and
// that it applies on top of the committed ones. Needs PostgreSQL (shadow database).
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { createMigrations, deployMigrations } from './offline-toolkit';
import { createTestDatabase, type TestDatabase } from './test-database';
import { PROVIDERS, migrationNames } from './test-support';

// The server for the shadow databases: the same one the throw-away test databases use.
const postgresUrl = process.env.TEST_POSTGRES_URL || undefined;

describe('createMigrations (cli migrate --name)', () => {
  let dir: string;
  let schemaDir: string;
  let migrationsRoot: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'matrix-migrate-'));
    schemaDir = join(dir, 'schema');
    migrationsRoot = join(dir, 'migrations');
    cpSync(join(workspaceRoot(), 'prisma', 'schema'), schemaDir, { recursive: true });
    cpSync(join(workspaceRoot(), 'prisma', 'migrations'), migrationsRoot, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates nothing while the schema matches the migrations', async () => {
    await expect(createMigrations({ name: 'nothing', schemaDir, migrationsRoot, postgresUrl })).resolves.toEqual({
      migrationName: null,
      written: [],
    });
    for (const provider of PROVIDERS) expect(migrationNames(provider, migrationsRoot)).toEqual(migrationNames(provider));
  });

  describe('after adding a field', () => {
    let migrationName: string;
    const databases: TestDatabase[] = [];

    beforeAll(async () => {
      const file = join(schemaDir, 'platform.prisma');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s*kind\s+String)$/m, '$1\n  priority Int @default(0)'));
      const result = await createMigrations({ name: 'add job priority', schemaDir, migrationsRoot, postgresUrl });
      migrationName = result.migrationName ?? '';
    });
    afterAll(async () => {
      await Promise.all(databases.map((db) => db.drop()));
    });

    it('names one folder <14-digit UTC timestamp>_<sanitized name> for both providers', () => {
      expect(migrationName).toMatch(/^\d{14}_add_job_priority$/);
      for (const provider of PROVIDERS) {
        expect(migrationNames(provider, migrationsRoot)).toEqual([...migrationNames(provider), migrationName]);
        expect(readdirSync(join(migrationsRoot, provider, migrationName))).toEqual(['migration.sql']);
      }
    });

    it('writes each provider its own SQL', () => {
      const sql = (provider: string) => readFileSync(join(migrationsRoot, provider, migrationName, 'migration.sql'), 'utf8');
      expect(sql('postgresql')).toContain('ALTER TABLE "Job" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;');
      // SQLite cannot add a column in place here: Prisma redefines the table and copies the rows.
      expect(sql('sqlite')).toContain('CREATE TABLE "new_Job"');
      expect(sql('sqlite')).toContain('"priority" INTEGER NOT NULL DEFAULT 0,');
      expect(sql('sqlite')).toContain('ALTER TABLE "new_Job" RENAME TO "Job";');
    });

    it.each(PROVIDERS)('applies on %s after the committed migrations', async (provider) => {
      const db = await createTestDatabase(provider, { migrate: false });
      databases.push(db);
      const { applied } = await deployMigrations({ databaseUrl: db.url, migrationsRoot });
      expect(applied).toEqual([...migrationNames(provider), migrationName]);
      const rows = await db.client.$queryRawUnsafe<Array<{ priority: number }>>(
        `INSERT INTO "Job" ("id", "product", "kind", "updatedAt") VALUES ('j1', 'p', 'k', CURRENT_TIMESTAMP) RETURNING "priority"`,
      );
      expect(rows).toEqual([{ priority: 0 }]);
    });
  });
});

// Regression tests for the engine/adapter fixes in libs/db/src/offline/adapters.mjs
// (numbers as in tools/prisma-offline/README.md). Each one fails against the stock 7.10.0
// adapters; if an upgrade makes a fix unnecessary, these still pass and the fix can go.
import { createMigrationAdapterFactory, withPostgresAdmin, type BoundAdapter } from './offline-toolkit';
import { createTestDatabase, type TestDatabase } from './test-database';

type Result<T> = { ok: true; value: T } | { ok: false; error: Record<string, unknown> };

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`adapter error: ${JSON.stringify(result.error)}`);
  return result.value;
}

const raw = (sql: string) => ({ sql, args: [], argTypes: [] });

async function rows(adapter: BoundAdapter, sql: string): Promise<unknown[][]> {
  return unwrap(await adapter.queryRaw(raw(sql))).rows;
}

describe('SQLite migration adapter', () => {
  it('fix 2: runs a multi-statement migration file through executeRaw (shadow database replay)', async () => {
    const factory = createMigrationAdapterFactory('file::memory:');
    try {
      const shadow = unwrap(await factory.bound.connectToShadowDb());
      unwrap(await shadow.executeRaw(raw('CREATE TABLE "a" ("x" INTEGER);\nCREATE TABLE "b" ("y" TEXT);')));
      expect(await rows(shadow, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).toEqual([['a'], ['b']]);
      // Single statements with arguments keep the prepared path and report affected rows.
      const inserted = await shadow.executeRaw({
        sql: 'INSERT INTO "a" ("x") VALUES (?), (?)',
        args: [1, 2],
        argTypes: [
          { scalarType: 'int', arity: 'scalar' },
          { scalarType: 'int', arity: 'scalar' },
        ],
      });
      expect(unwrap(inserted)).toBe(2);
    } finally {
      await factory.close();
    }
  });
});

describe('PostgreSQL migration adapter', () => {
  let db: TestDatabase;
  let factory: ReturnType<typeof createMigrationAdapterFactory>;
  let main: BoundAdapter;

  beforeAll(async () => {
    db = await createTestDatabase('postgresql', { migrate: false });
    factory = createMigrationAdapterFactory(db.url);
    main = unwrap(await factory.bound.connect());
  });
  afterAll(async () => {
    await factory?.close();
    await db?.drop();
  });

  it('fix 3: reads PostgreSQL\'s "char" catalog columns (OID 18) as text', async () => {
    // pg_class.relkind is "char"; 'r' = ordinary table (PostgreSQL docs, pg_class).
    expect(await rows(main, "SELECT relkind FROM pg_class WHERE relname = 'pg_class'")).toEqual([['r']]);
  });

  it('fixes 4 and 5: the shadow database is its own database, and is dropped on dispose', async () => {
    const shadow = unwrap(await factory.bound.connectToShadowDb());
    const [[name]] = (await rows(shadow, 'SELECT current_database()::text')) as string[][];
    expect(name).toMatch(/^prisma_migrate_shadow_db_[0-9a-f]{32}$/);
    unwrap(await shadow.dispose());
    const left = await withPostgresAdmin(db.url, (client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
    expect(left.rowCount).toBe(0);
  });

  it('fix 6: runs a script whole: ";" inside literals survives and a failure undoes the whole script', async () => {
    unwrap(await main.executeScript(`CREATE TABLE "t" ("v" TEXT DEFAULT 'a;b'); INSERT INTO "t" DEFAULT VALUES;`));
    expect(await rows(main, 'SELECT "v" FROM "t"')).toEqual([['a;b']]);

    const failed = await main.executeScript('CREATE TABLE "half" ("x" INTEGER); SELECT 1 / 0;');
    expect(failed.ok).toBe(false);
    expect(await rows(main, "SELECT COUNT(*)::int FROM pg_tables WHERE tablename = 'half'")).toEqual([[0]]);
  });
});

// `deploy`: apply pending migrations, recording them in _prisma_migrations exactly as
// `prisma migrate deploy` does (the engine writes the rows, checksums included).
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { NO_FILTER, describeEngineError, openSchemaEngine } from './engine.mjs';
import { providerFromUrl, redactUrl, sqliteFilePath } from './database-url.mjs';
import { prismaLayout } from './layout.mjs';
import { assertLockfileProvider, readMigrationsList } from './migrations-dir.mjs';
import { ensurePostgresSchema } from './product-database.mjs';

/**
 * Whether a SQLite file already has every migration applied (finished, none failed), read without
 * the schema engine. The engine opens SQLite with `PRAGMA locking_mode=EXCLUSIVE`, which fails with
 * SQLITE_BUSY in WAL mode while any other connection has the file open (a test's client, the
 * product's second process), even when there is nothing to apply; an API booting on its
 * up-to-date database must not need that lock.
 */
function sqliteUpToDate(file, names) {
  if (file === ':memory:' || !existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 2000 });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const rows = db.prepare('SELECT migration_name AS name, finished_at AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL').all();
    if (rows.some((row) => row.finished === null)) return false; // a failed migration: the engine reports it
    const applied = new Set(rows.map((row) => row.name));
    return names.every((name) => applied.has(name));
  } finally {
    db.close();
  }
}

/**
 * Applies the migrations in prisma/migrations/<provider> that `databaseUrl` lacks.
 * @param {{ databaseUrl: string, root?: string, migrationsRoot?: string, log?: (line: string) => void }} options
 * @returns {Promise<{ provider: string, applied: string[] }>}
 */
export async function deployMigrations({ databaseUrl, root, migrationsRoot, log }) {
  const provider = providerFromUrl(databaseUrl);
  const list = readMigrationsList(prismaLayout(root, { migrationsRoot }).migrationsDir(provider));
  assertLockfileProvider(list, provider);
  if (list.migrationDirectories.length === 0) {
    throw new Error(`No migrations in ${list.baseDir}: run \`node tools/prisma-offline/cli.mjs migrate --name init\` first.`);
  }
  if (
    provider === 'sqlite' &&
    sqliteUpToDate(
      sqliteFilePath(databaseUrl),
      list.migrationDirectories.map((dir) => dir.path),
    )
  ) {
    return { provider, applied: [] };
  }
  // A product's own PostgreSQL schema (`?schema=`) is created on first deploy; the engine only creates tables.
  await ensurePostgresSchema(databaseUrl);
  const { engine, close } = await openSchemaEngine({ url: databaseUrl, log });
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: list, filters: NO_FILTER });
    return { provider, applied: appliedMigrationNames };
  } catch (error) {
    const reason = describeEngineError(error);
    if (provider === 'sqlite' && /SocketTimeout|SQLITE_BUSY|database is locked/.test(reason)) {
      throw new Error(
        `Applying migrations to ${redactUrl(databaseUrl)} failed: the file is in use (WAL mode: the migration needs it to itself). ` +
          "Stop the product's API and anything else using it, then migrate again (each API also migrates its own database at boot).",
        { cause: error },
      );
    }
    throw new Error(`Applying migrations to ${redactUrl(databaseUrl)} failed: ${reason}`, { cause: error });
  } finally {
    await close();
  }
}

// `reset`: drop every table (and _prisma_migrations) so the next deploy starts from zero.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { NO_FILTER, describeEngineError, openSchemaEngine } from './engine.mjs';
import { providerFromUrl, redactUrl, sqliteFilePath } from './database-url.mjs';

/**
 * Fix 7 (ours, not in STACK.md): through a driver adapter the engine's SQLite reset only
 * empties the tables (`DELETE FROM …`) and leaves them, so the next deploy fails with
 * "table already exists". We drop SQLite's objects ourselves; PostgreSQL's engine reset
 * (DROP SCHEMA … CASCADE) works as is.
 */
function dropSqliteObjects(file) {
  if (file !== ':memory:' && !existsSync(file)) return;
  const db = new Database(file);
  try {
    const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%'").all();
    const quote = (name) => `"${name.replace(/"/g, '""')}"`;
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      for (const { type, name } of objects.filter((o) => o.type === 'view')) db.exec(`DROP ${type.toUpperCase()} ${quote(name)}`);
      for (const { name } of objects.filter((o) => o.type === 'table')) db.exec(`DROP TABLE ${quote(name)}`);
    })();
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

/** @param {{ databaseUrl: string }} options */
export async function resetDatabase({ databaseUrl }) {
  if (providerFromUrl(databaseUrl) === 'sqlite') {
    dropSqliteObjects(sqliteFilePath(databaseUrl));
    return;
  }
  const { engine, close } = await openSchemaEngine({ url: databaseUrl });
  try {
    await engine.reset({ filter: NO_FILTER });
  } catch (error) {
    throw new Error(`Resetting ${redactUrl(databaseUrl)} failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    await close();
  }
}

// `migrate --name <n>`: one new migration folder per provider from the same schema files,
// diffed (by the wasm engine) against what the existing migrations produce.
import { migrationFilter, describeEngineError, openSchemaEngine } from './engine.mjs';
import { PROVIDERS } from './database-url.mjs';
import { prismaLayout } from './layout.mjs';
import { readMigrationsList, writeMigration } from './migrations-dir.mjs';
import { readSchemaDir, schemaForProvider } from './schema-files.mjs';
import { DEFAULT_POSTGRES_URL, createPostgresDatabase } from './scratch-database.mjs';

/** Prisma's own rule for the name part of the folder. */
function sanitizeName(name) {
  const cleaned = String(name ?? '')
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!cleaned) throw new Error('A migration needs a name: migrate --name <name> (letters, digits, _).');
  return cleaned.slice(0, 200);
}

/**
 * The SQL that takes a database from the provider's existing migrations to the schema.
 * Engine path (Prisma's `migrate dev --create-only`): createMigration only diffs from a
 * cached "schema after the migrations", which devDiagnostic fills by replaying them in a
 * shadow database; devDiagnostic in turn fails with P1014 on a database without
 * _prisma_migrations (fix 1), so the scratch main database gets applyMigrations first.
 */
async function draftForProvider({ provider, files, list, name, postgresUrl, log }) {
  const scratch =
    provider === 'sqlite' ? { url: 'file::memory:', drop: async () => undefined } : await createPostgresDatabase(postgresUrl, 'prisma_offline_scratch');
  try {
    const { engine, close } = await openSchemaEngine({ url: scratch.url, schemaFiles: files, log });
    const filters = migrationFilter(provider);
    try {
      // Creates _prisma_migrations even when the list is empty.
      await engine.applyMigrations({ migrationsList: list, filters });
      await engine.devDiagnostic({ migrationsList: list, filters });
      return await engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList: list,
        schema: { files },
        filters,
      });
    } finally {
      await close();
    }
  } catch (error) {
    throw new Error(`Creating the ${provider} migration failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    await scratch.drop();
  }
}

/**
 * Writes prisma/migrations/<provider>/<timestamp>_<name>/migration.sql for both providers
 * (the same folder name for both) when the schema differs from the migrations.
 * PostgreSQL needs a server for its shadow database: `postgresUrl` (default
 * $MIGRATE_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432/postgres).
 * @returns {Promise<{ migrationName: string | null, written: string[] }>}
 */
export async function createMigrations({ name, root, schemaDir, migrationsRoot, postgresUrl = process.env.MIGRATE_POSTGRES_URL || DEFAULT_POSTGRES_URL, log }) {
  const layout = prismaLayout(root, { schemaDir, migrationsRoot });
  const migrationName = sanitizeName(name);
  const sourceFiles = readSchemaDir(layout.schemaDir);
  const drafts = [];
  for (const provider of PROVIDERS) {
    const list = readMigrationsList(layout.migrationsDir(provider));
    const files = schemaForProvider(sourceFiles, provider);
    drafts.push({ provider, ...(await draftForProvider({ provider, files, list, name: migrationName, postgresUrl, log })) });
  }
  const changed = drafts.filter((draft) => draft.migrationScript !== null);
  if (changed.length === 0) return { migrationName: null, written: [] };
  // One timestamp for both providers, so the histories stay side by side.
  const folder = changed[0].generatedMigrationName;
  const written = changed.map((draft) => writeMigration(layout.migrationsDir(draft.provider), folder, draft.migrationScript, draft.provider));
  return { migrationName: folder, written };
}

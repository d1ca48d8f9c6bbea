// `deploy`: apply pending migrations, recording them in _prisma_migrations exactly as
// `prisma migrate deploy` does (the engine writes the rows, checksums included).
import { NO_FILTER, describeEngineError, openSchemaEngine } from './engine.mjs';
import { providerFromUrl, redactUrl } from './database-url.mjs';
import { prismaLayout } from './layout.mjs';
import { assertLockfileProvider, readMigrationsList } from './migrations-dir.mjs';
import { ensurePostgresSchema } from './product-database.mjs';

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
  // A product's own PostgreSQL schema (`?schema=`) is created on first deploy; the engine only creates tables.
  await ensurePostgresSchema(databaseUrl);
  const { engine, close } = await openSchemaEngine({ url: databaseUrl, log });
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: list, filters: NO_FILTER });
    return { provider, applied: appliedMigrationNames };
  } catch (error) {
    throw new Error(`Applying migrations to ${redactUrl(databaseUrl)} failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    await close();
  }
}

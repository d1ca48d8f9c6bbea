// `status`: which migrations the database has, lacks, or has failed/edited.
import { NO_FILTER, describeEngineError, openSchemaEngine } from './engine.mjs';
import { providerFromUrl, redactUrl } from './database-url.mjs';
import { prismaLayout } from './layout.mjs';
import { readMigrationsList } from './migrations-dir.mjs';

const TABLE_MISSING = 'P1014';

/**
 * The engine's diagnosis. On a database without _prisma_migrations it fails with P1014
 * (fix 1) where `prisma migrate status` reports "no migration applied", so we do too.
 */
async function diagnose(engine, list) {
  try {
    return await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: NO_FILTER });
  } catch (error) {
    if (error?.code !== TABLE_MISSING) throw error;
    return { hasMigrationsTable: false, history: null, failedMigrationNames: [], editedMigrationNames: [] };
  }
}

/**
 * @param {{ databaseUrl: string, root?: string, migrationsRoot?: string }} options
 * @returns {Promise<{ provider: string, migrations: string[], pending: string[], failed: string[], edited: string[], hasMigrationsTable: boolean, upToDate: boolean, history: object | null }>}
 */
export async function migrationStatus({ databaseUrl, root, migrationsRoot }) {
  const provider = providerFromUrl(databaseUrl);
  const list = readMigrationsList(prismaLayout(root, { migrationsRoot }).migrationsDir(provider));
  const migrations = list.migrationDirectories.map((dir) => dir.path);
  const { engine, close } = await openSchemaEngine({ url: databaseUrl });
  try {
    const diagnosis = await diagnose(engine, list);
    const history = diagnosis.history;
    let pending = [];
    if (!diagnosis.hasMigrationsTable) pending = migrations;
    else if (history?.diagnostic === 'databaseIsBehind' || history?.diagnostic === 'historiesDiverge') {
      pending = history.unappliedMigrationNames;
    }
    return {
      provider,
      migrations,
      pending,
      failed: diagnosis.failedMigrationNames,
      edited: diagnosis.editedMigrationNames,
      hasMigrationsTable: diagnosis.hasMigrationsTable,
      upToDate: diagnosis.hasMigrationsTable && history === null && diagnosis.failedMigrationNames.length === 0,
      history,
    };
  } catch (error) {
    throw new Error(`Reading migration status of ${redactUrl(databaseUrl)} failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    await close();
  }
}

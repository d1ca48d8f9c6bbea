import { resolveDatabaseUrl } from './database-url';
import { deployMigrations } from './offline-toolkit';

export interface MigrateResult {
  provider: 'sqlite' | 'postgresql';
  /** Migrations applied by this call (empty when the database was up to date). */
  applied: string[];
}

/**
 * Applies pending migrations from prisma/migrations/<provider> to the database, exactly as
 * `node tools/prisma-offline/cli.mjs deploy` (same code) and `prisma migrate deploy` do.
 * Safe to call at every boot: an up-to-date database is left alone. Pass a product's own URL
 * (productDatabaseUrl): each product's database is migrated on its own; a PostgreSQL `?schema=`
 * is created first when missing.
 */
export async function migrateDatabase(databaseUrl: string): Promise<MigrateResult> {
  return deployMigrations({ databaseUrl: resolveDatabaseUrl(databaseUrl) });
}

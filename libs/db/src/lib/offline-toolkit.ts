// The offline migration engine is plain ESM (../offline/*.mjs) so that the CLI
// (tools/prisma-offline/cli.mjs) runs it with bare node at install time; libs/db runs the
// same code. Typed by ../offline/index.d.mts.
export {
  createMigrationAdapterFactory,
  createMigrations,
  createPostgresDatabase,
  defaultProductUrl,
  deriveProductUrl,
  ensurePostgresSchema,
  PLATFORM_DATABASE,
  postgresSchemaOf,
  productDatabaseEnvName,
  productDatabaseUrl,
  productKey,
  productSchemaName,
  workspaceProducts,
  DEFAULT_POSTGRES_URL,
  deployMigrations,
  dropPostgresDatabase,
  migrationStatus,
  providerFromUrl,
  prismaLayout,
  readMigrationsList,
  readSchemaDir,
  redactUrl,
  resetDatabase,
  schemaForProvider,
  sqliteFilePath,
  START_POSTGRES_HINT,
  withPostgresAdmin,
} from '../offline/index.mjs';
export type { BoundAdapter, MigrationStatus, Provider as DbProvider } from '../offline/index.mjs';

// The offline Prisma toolkit: what cli.mjs runs, importable by libs/db (same code paths).
export { createMigrations } from './create-migration.mjs';
export { deployMigrations } from './deploy.mjs';
export { generateClients } from './generate.mjs';
export { migrationStatus } from './status.mjs';
export { resetDatabase } from './reset.mjs';
export { PROVIDERS, providerFromUrl, redactUrl, sqliteFilePath, withDatabase } from './database-url.mjs';
export { DEFAULT_ROOT, prismaLayout } from './layout.mjs';
export { readMigrationsList } from './migrations-dir.mjs';
export { DEFAULT_POSTGRES_URL, START_POSTGRES_HINT, createPostgresDatabase, dropPostgresDatabase, withPostgresAdmin } from './scratch-database.mjs';
export { SCHEMA_ENGINE_HASH } from './engine.mjs';
export { createMigrationAdapterFactory } from './adapters.mjs';
export { readSchemaDir, schemaForProvider } from './schema-files.mjs';
export {
  PLATFORM_DATABASE,
  defaultProductUrl,
  deriveProductUrl,
  ensurePostgresSchema,
  postgresSchemaOf,
  productDatabaseEnvName,
  productDatabaseUrl,
  productKey,
  productSchemaName,
  workspaceProducts,
} from './product-database.mjs';

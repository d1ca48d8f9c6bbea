export { createPrismaClient, DEFAULT_BUSY_TIMEOUT_MS, DEFAULT_POOL_TIMEOUT_MS, type CreatePrismaClientOptions, type DbClient } from './lib/prisma-client';
export { productDatabaseUrl, resolveDatabaseUrl } from './lib/database-url';
export { isDatabaseContention } from './lib/database-contention';
export { migrateDatabase, type MigrateResult } from './lib/migrate-database';
export { withTransaction, type DbTransaction, type TransactionOptions } from './lib/transaction';
export { insertRows, type InsertRowsOptions, type SqlValue } from './lib/insert-rows';
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './lib/test-database';
export { FINISHED_JOB_STATUSES, JOB_STATUSES, isJobStatus, withJobStatus, type JobStatus } from './lib/job-status';
export {
  migrationStatus,
  PLATFORM_DATABASE,
  postgresSchemaOf,
  productDatabaseEnvName,
  productKey,
  productSchemaName,
  providerFromUrl,
  sqliteFilePath,
  workspaceProducts,
  type DbProvider,
  type MigrationStatus,
} from './lib/offline-toolkit';
// Generated model types (identical for both providers) and the Prisma namespace (input
// types, error classes such as Prisma.PrismaClientKnownRequestError).
export { Prisma, type Job } from './lib/generated-clients';

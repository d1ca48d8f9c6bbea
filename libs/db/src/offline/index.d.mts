// Types for index.mjs (imported by libs/db). Keep in step with the JSDoc in each module.

export type Provider = 'sqlite' | 'postgresql';
export type EngineLog = (line: string) => void;

export declare const PROVIDERS: readonly Provider[];
export declare const DEFAULT_ROOT: string;
export declare const DEFAULT_POSTGRES_URL: string;
export declare const START_POSTGRES_HINT: string;
export declare const SCHEMA_ENGINE_HASH: string;

/** `file:` → sqlite, `postgres://` / `postgresql://` → postgresql; throws otherwise. */
export declare function providerFromUrl(url: string | undefined): Provider;
/** Absolute SQLite file of a `file:` URL (query string dropped, relative to cwd). */
export declare function sqliteFilePath(url: string, cwd?: string): string;
/** The same PostgreSQL server URL with another database name. */
export declare function withDatabase(url: string, database: string): string;
/** The URL with its password masked. */
export declare function redactUrl(url: string): string;

export interface PrismaLayout {
  root: string;
  prismaDir: string;
  configFile: string;
  schemaDir: string;
  migrationsRoot: string;
  migrationsDir(provider: Provider): string;
  clientDir(provider: Provider): string;
  providerSchemaDir(provider: Provider): string;
}
export declare function prismaLayout(root?: string, overrides?: { schemaDir?: string; migrationsRoot?: string }): PrismaLayout;

export interface MigrationsList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: Array<{
    path: string;
    migrationFile: { path: string; content: { tag: 'ok' | 'error'; value: string } };
  }>;
}
export declare function readMigrationsList(dir: string): MigrationsList;

export declare function deployMigrations(options: {
  databaseUrl: string;
  root?: string;
  migrationsRoot?: string;
  log?: EngineLog;
}): Promise<{ provider: Provider; applied: string[] }>;

export interface MigrationStatus {
  provider: Provider;
  migrations: string[];
  pending: string[];
  failed: string[];
  edited: string[];
  hasMigrationsTable: boolean;
  upToDate: boolean;
  history: Record<string, unknown> | null;
}
export declare function migrationStatus(options: { databaseUrl: string; root?: string; migrationsRoot?: string }): Promise<MigrationStatus>;

export declare function resetDatabase(options: { databaseUrl: string }): Promise<void>;

export declare function createMigrations(options: {
  name: string;
  root?: string;
  schemaDir?: string;
  migrationsRoot?: string;
  postgresUrl?: string;
  log?: EngineLog;
}): Promise<{ migrationName: string | null; written: string[] }>;

export declare function generateClients(options?: { root?: string; providers?: Provider[] }): Promise<Array<{ provider: Provider; clientDir: string }>>;

export interface ScratchPostgresDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}
export declare function createPostgresDatabase(serverUrl: string, prefix: string): Promise<ScratchPostgresDatabase>;
export declare function dropPostgresDatabase(serverUrl: string, name: string): Promise<void>;
export declare function withPostgresAdmin<T>(serverUrl: string, fn: (client: import('pg').Client) => Promise<T>): Promise<T>;

/** Migration-aware adapter factory (with the engine/adapter fixes) and its close(). */
export declare function createMigrationAdapterFactory(url: string, options?: { shadowUrl?: string }): { bound: MigrationAwareFactory; close(): Promise<void> };

/** The bound factory as the engine sees it (results wrapped as { ok, value | error }). */
export interface MigrationAwareFactory {
  provider: string;
  adapterName: string;
  connect(): Promise<AdapterResult<BoundAdapter>>;
  connectToShadowDb(): Promise<AdapterResult<BoundAdapter>>;
}
export type AdapterResult<T> = { ok: true; value: T } | { ok: false; error: Record<string, unknown> };
export interface SqlQuery {
  sql: string;
  args: unknown[];
  argTypes: unknown[];
}
export interface BoundAdapter {
  provider: string;
  queryRaw(query: SqlQuery): Promise<AdapterResult<{ columnNames: string[]; columnTypes: number[]; rows: unknown[][] }>>;
  executeRaw(query: SqlQuery): Promise<AdapterResult<number>>;
  executeScript(script: string): Promise<AdapterResult<void>>;
  dispose(): Promise<AdapterResult<void>>;
}

export interface SchemaFile {
  path: string;
  content: string;
}
export declare function readSchemaDir(dir: string): SchemaFile[];
export declare function schemaForProvider(files: SchemaFile[], provider: Provider, options?: { writeDir?: string; outputDir?: string }): SchemaFile[];

/** Reserved name of the database every product shares (the future identity store). */
export declare const PLATFORM_DATABASE: string;
/** 'sentiment-api' → 'sentiment'. */
export declare function productKey(serviceName: string): string;
/** 'support-chatbot' → 'SUPPORT_CHATBOT_DATABASE_URL'. */
export declare function productDatabaseEnvName(product: string): string;
/** 'support-chatbot' → 'support_chatbot'. */
export declare function productSchemaName(product: string): string;
/** The `?schema=` of a PostgreSQL URL. */
export declare function postgresSchemaOf(url: string): string | undefined;
/** The product's own database derived from a base DATABASE_URL. */
export declare function deriveProductUrl(baseUrl: string, product: string): string;
/** file:<root>/tmp/<product>.db */
export declare function defaultProductUrl(product: string, root?: string): string;
/** <PRODUCT>_DATABASE_URL, else derived from DATABASE_URL, else the embedded default. */
export declare function productDatabaseUrl(product: string, env?: NodeJS.ProcessEnv, root?: string): string;
/** Every apps/<product>-api of the workspace, as product keys. */
export declare function workspaceProducts(root?: string): string[];
/** CREATE SCHEMA IF NOT EXISTS for a PostgreSQL URL's `?schema=`. */
export declare function ensurePostgresSchema(url: string): Promise<void>;

// Where the Prisma files live in the monorepo (all under <root>/prisma).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root: this file is <root>/libs/db/src/offline/layout.mjs. */
export const DEFAULT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/**
 * @param {string} [root] workspace root
 * @param {{ schemaDir?: string, migrationsRoot?: string }} [overrides] for tests on temp copies
 */
export function prismaLayout(root = DEFAULT_ROOT, overrides = {}) {
  const prismaDir = join(root, 'prisma');
  const migrationsRoot = overrides.migrationsRoot ?? join(prismaDir, 'migrations');
  return {
    root,
    prismaDir,
    configFile: join(prismaDir, 'prisma.config.ts'),
    schemaDir: overrides.schemaDir ?? join(prismaDir, 'schema'),
    migrationsRoot,
    /** prisma/migrations/<provider>: one standard migrations folder per provider. */
    migrationsDir: (provider) => join(migrationsRoot, provider),
    /** libs/db/src/generated/<provider>: the generated client, inside the lib that owns it (gitignored). */
    clientDir: (provider) => join(root, 'libs', 'db', 'src', 'generated', provider),
    /** prisma/generated/schema/<provider>: the schema with the provider swapped (gitignored). */
    providerSchemaDir: (provider) => join(prismaDir, 'generated', 'schema', provider),
  };
}

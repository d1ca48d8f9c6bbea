// Shared by the specs: the real migrations on disk and their checksums.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { readMigrationsList, type DbProvider } from './offline-toolkit';

export const PROVIDERS: DbProvider[] = ['sqlite', 'postgresql'];

export function migrationsDir(provider: DbProvider, root = join(workspaceRoot(), 'prisma', 'migrations')): string {
  return join(root, provider);
}

/** Folder names of the committed migrations, oldest first. */
export function migrationNames(provider: DbProvider, root?: string): string[] {
  return readMigrationsList(migrationsDir(provider, root)).migrationDirectories.map((dir) => dir.path);
}

/** Prisma stores the SHA-256 (hex) of migration.sql as `_prisma_migrations.checksum`. */
export function sha256OfMigration(provider: DbProvider, name: string, root?: string): string {
  return createHash('sha256')
    .update(readFileSync(join(migrationsDir(provider, root), name, 'migration.sql')))
    .digest('hex');
}

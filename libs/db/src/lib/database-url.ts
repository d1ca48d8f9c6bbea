import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { providerFromUrl, sqliteFilePath } from './offline-toolkit';

/** The embedded default: one SQLite file under <workspace>/tmp (gitignored). */
export function defaultDatabaseUrl(): string {
  return `file:${join(workspaceRoot(), 'tmp', 'matrix.db')}`;
}

/**
 * The URL to use: the given one, else DATABASE_URL, else the embedded default. For SQLite
 * the file's folder is created, since SQLite creates the file but not its folder.
 */
export function resolveDatabaseUrl(databaseUrl?: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = databaseUrl?.trim() || env.DATABASE_URL?.trim() || defaultDatabaseUrl();
  if (providerFromUrl(url) === 'sqlite') {
    const file = sqliteFilePath(url);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  }
  return url;
}

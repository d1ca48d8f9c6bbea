import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { defaultDatabaseUrl, resolveDatabaseUrl } from './database-url';
import { providerFromUrl, redactUrl, sqliteFilePath } from './offline-toolkit';

describe('providerFromUrl', () => {
  it('picks the provider from the URL scheme', () => {
    expect(providerFromUrl('file:/tmp/a.db')).toBe('sqlite');
    expect(providerFromUrl('file:./dev.db?connection_limit=1')).toBe('sqlite');
    expect(providerFromUrl('postgres://u@h:5432/d')).toBe('postgresql');
    expect(providerFromUrl('postgresql://u:p@h/d?schema=public')).toBe('postgresql');
  });

  it('refuses other or missing URLs', () => {
    expect(() => providerFromUrl('mysql://h/d')).toThrow('Unsupported database URL');
    expect(() => providerFromUrl('')).toThrow('set DATABASE_URL');
    expect(() => providerFromUrl(undefined)).toThrow('set DATABASE_URL');
  });
});

describe('sqliteFilePath', () => {
  it('drops the scheme and query, resolving relative paths from cwd', () => {
    expect(sqliteFilePath('file:/data/x.db?connection_limit=1')).toBe('/data/x.db');
    expect(sqliteFilePath('file:./x.db', '/srv/app')).toBe('/srv/app/x.db');
    expect(sqliteFilePath('file::memory:')).toBe(':memory:');
  });
});

describe('redactUrl', () => {
  it('masks the password only', () => {
    expect(redactUrl('postgresql://app:s3cret@db:5432/x')).toBe('postgresql://app:***@db:5432/x');
    expect(redactUrl('postgresql://app@db/x')).toBe('postgresql://app@db/x');
  });
});

describe('resolveDatabaseUrl', () => {
  it('prefers the argument, then DATABASE_URL, then <workspace>/tmp/matrix.db', () => {
    expect(resolveDatabaseUrl('postgresql://a@h/x', { DATABASE_URL: 'postgresql://b@h/y' })).toBe('postgresql://a@h/x');
    expect(resolveDatabaseUrl(undefined, { DATABASE_URL: 'postgresql://b@h/y' })).toBe('postgresql://b@h/y');
    expect(resolveDatabaseUrl(undefined, {})).toBe(`file:${join(workspaceRoot(), 'tmp', 'matrix.db')}`);
    expect(defaultDatabaseUrl()).toBe(`file:${join(workspaceRoot(), 'tmp', 'matrix.db')}`);
  });

  it("creates a SQLite file's folder", () => {
    const dir = mkdtempSync(join(tmpdir(), 'matrix-url-'));
    try {
      resolveDatabaseUrl(`file:${join(dir, 'nested', 'deeper', 'x.db')}`, {});
      expect(existsSync(join(dir, 'nested', 'deeper'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

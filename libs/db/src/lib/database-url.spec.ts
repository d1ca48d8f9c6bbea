import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { productDatabaseUrl, resolveDatabaseUrl } from './database-url';
import {
  PLATFORM_DATABASE,
  postgresSchemaOf,
  productDatabaseEnvName,
  productKey,
  productSchemaName,
  providerFromUrl,
  redactUrl,
  sqliteFilePath,
  workspaceProducts,
} from './offline-toolkit';

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

describe('productDatabaseUrl (each product owns its database)', () => {
  it('defaults to file:<workspace>/tmp/<product>.db, one file per product', () => {
    expect(productDatabaseUrl('sentiment', {})).toBe(`file:${join(workspaceRoot(), 'tmp', 'sentiment.db')}`);
    expect(productDatabaseUrl('support-chatbot-api', {})).toBe(`file:${join(workspaceRoot(), 'tmp', 'support-chatbot.db')}`);
    expect(productDatabaseUrl('sentiment', {})).not.toBe(productDatabaseUrl('recommender', {}));
  });

  it('derives a sibling SQLite file per product from a file: DATABASE_URL', () => {
    expect(productDatabaseUrl('recommender', { DATABASE_URL: 'file:/data/matrix.db' })).toBe('file:/data/matrix-recommender.db');
    expect(productDatabaseUrl('image-tagger', { DATABASE_URL: 'file:/data/store' })).toBe('file:/data/store-image-tagger.db');
    expect(productDatabaseUrl('sentiment', { DATABASE_URL: 'file::memory:' })).toBe('file::memory:');
  });

  it("derives the product's own schema in the same PostgreSQL database, replacing any ?schema=", () => {
    const env = { DATABASE_URL: 'postgresql://app:s3cret@db:5432/matrix?sslmode=require&schema=public' };
    expect(productDatabaseUrl('support-chatbot', env)).toBe('postgresql://app:s3cret@db:5432/matrix?sslmode=require&schema=support_chatbot');
    expect(postgresSchemaOf(productDatabaseUrl('sentiment', env))).toBe('sentiment');
    expect(productSchemaName('image-tagger')).toBe('image_tagger');
  });

  it('takes <PRODUCT>_DATABASE_URL as is, over DATABASE_URL', () => {
    const env = { DATABASE_URL: 'postgresql://app@db/matrix', SUPPORT_CHATBOT_DATABASE_URL: 'file:/srv/chat.db' };
    expect(productDatabaseEnvName('support-chatbot')).toBe('SUPPORT_CHATBOT_DATABASE_URL');
    expect(productDatabaseUrl('support-chatbot-api', env)).toBe('file:/srv/chat.db');
    expect(productDatabaseUrl('sentiment', env)).toBe('postgresql://app@db/matrix?schema=sentiment');
  });

  it('keeps "platform" as the one shared database (the identity store\'s place, issue 14)', () => {
    expect(PLATFORM_DATABASE).toBe('platform');
    expect(productDatabaseUrl(PLATFORM_DATABASE, {})).toBe(`file:${join(workspaceRoot(), 'tmp', 'platform.db')}`);
    expect(productDatabaseUrl(PLATFORM_DATABASE, { DATABASE_URL: 'postgresql://app@db/matrix' })).toBe('postgresql://app@db/matrix?schema=platform');
  });

  it('refuses a name that is not a product', () => {
    expect(() => productDatabaseUrl('../etc', {})).toThrow('is not a product name');
    expect(() => productKey('Sentiment')).toThrow('is not a product name');
  });

  it('lists the workspace products from apps/<product>-api', () => {
    expect(workspaceProducts()).toEqual(expect.arrayContaining(['image-tagger', 'recommender', 'sentiment', 'support-chatbot']));
    expect(workspaceProducts()).not.toContain('inference-gateway');
  });
});

describe('resolveDatabaseUrl', () => {
  it("creates a SQLite file's folder", () => {
    const dir = mkdtempSync(join(tmpdir(), 'matrix-url-'));
    try {
      expect(resolveDatabaseUrl(`file:${join(dir, 'nested', 'deeper', 'x.db')}`)).toBe(`file:${join(dir, 'nested', 'deeper', 'x.db')}`);
      expect(existsSync(join(dir, 'nested', 'deeper'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

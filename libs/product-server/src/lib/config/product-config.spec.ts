import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { z } from 'zod';
import { ConfigError, parseEnvironment } from './parse-environment';
import { loadProductConfig } from './product-config';

const identity = { name: 'demo-api', defaultPort: 8190 };

describe('loadProductConfig', () => {
  it('falls back to the product port, loopback host, embedded SQLite and the local gateway', () => {
    expect(loadProductConfig(identity, {})).toEqual({
      name: 'demo-api',
      host: '127.0.0.1',
      port: 8190,
      databaseUrl: `file:${join(workspaceRoot(), 'tmp', 'demo.db')}`,
      databaseBusyTimeoutMs: 2000,
      gatewayUrl: 'http://127.0.0.1:8100',
      gatewayApiKey: undefined,
      corsOrigins: false,
      logLevel: 'info',
      logPretty: false,
      jobQueue: { driver: 'in-process' },
      privacy: { piiRedaction: ['email', 'iban', 'card', 'phone'], retentionDays: null },
    });
  });

  it('reads the product’s PII redaction and retention (<PRODUCT>_PII_REDACTION, <PRODUCT>_RETENTION_DAYS)', () => {
    expect(loadProductConfig(identity, { DEMO_PII_REDACTION: 'off', DEMO_RETENTION_DAYS: '30' }).privacy).toEqual({ piiRedaction: [], retentionDays: 30 });
    expect(loadProductConfig(identity, { DEMO_PII_REDACTION: 'card,email', DEMO_RETENTION_DAYS: '' }).privacy).toEqual({
      piiRedaction: ['email', 'card'],
      retentionDays: null,
    });
    expect(loadProductConfig({ name: 'support-chatbot-api', defaultPort: 1 }, { SUPPORT_CHATBOT_RETENTION_DAYS: '0.5' }).privacy.retentionDays).toBe(0.5);
    expect(() => loadProductConfig(identity, { DEMO_PII_REDACTION: 'ssn' })).toThrow('DEMO_PII_REDACTION: unknown PII kind ssn');
    expect(() => loadProductConfig(identity, { DEMO_RETENTION_DAYS: '0' })).toThrow('DEMO_RETENTION_DAYS must be more than 0 days');
    expect(() => loadProductConfig(identity, { DEMO_RETENTION_DAYS: 'week' })).toThrow('DEMO_RETENTION_DAYS');
  });

  it('switches background jobs to BullMQ by configuration only (REDIS_URL, or JOB_QUEUE=bullmq with the local Redis)', () => {
    expect(loadProductConfig(identity, { REDIS_URL: 'redis://cache:6379/2' }).jobQueue).toEqual({
      driver: 'bullmq',
      redisUrl: 'redis://cache:6379/2',
      prefix: 'matrix',
    });
    expect(loadProductConfig(identity, { JOB_QUEUE: 'bullmq', JOB_QUEUE_PREFIX: 'staging' }).jobQueue).toEqual({
      driver: 'bullmq',
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'staging',
    });
    expect(loadProductConfig(identity, { JOB_QUEUE: 'in-process', REDIS_URL: 'redis://cache:6379' }).jobQueue).toEqual({ driver: 'in-process' });
    expect(() => loadProductConfig(identity, { JOB_QUEUE: 'kafka', REDIS_URL: 'http://cache' })).toThrow(
      /JOB_QUEUE: JOB_QUEUE must be in-process or bullmq\n {2}REDIS_URL: REDIS_URL must start with redis:\/\/ or rediss:\/\//,
    );
  });

  it('gives the product its own database: DEMO_DATABASE_URL as is, else derived from DATABASE_URL', () => {
    expect(loadProductConfig(identity, { DATABASE_URL: 'file:/data/matrix.db' }).databaseUrl).toBe('file:/data/matrix-demo.db');
    expect(loadProductConfig(identity, { DATABASE_URL: 'postgresql://app@db/matrix', DEMO_DATABASE_URL: 'postgresql://demo@db2/demo' }).databaseUrl).toBe(
      'postgresql://demo@db2/demo',
    );
    expect(loadProductConfig(identity, { DEMO_DATABASE_URL: ' ' }).databaseUrl).toBe(`file:${join(workspaceRoot(), 'tmp', 'demo.db')}`);
    expect(() => loadProductConfig(identity, { DEMO_DATABASE_URL: 'mysql://x' })).toThrow(
      'DEMO_DATABASE_URL: DEMO_DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)',
    );
  });

  it('reads every variable, treating blank values as unset', () => {
    const config = loadProductConfig(identity, {
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://app@db:5432/matrix',
      GATEWAY_URL: 'https://gateway.internal:8443/',
      GATEWAY_API_KEY: 'k-1',
      CORS_ORIGINS: 'http://a.test, http://b.test',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'yes',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://app@db:5432/matrix?schema=demo',
      gatewayUrl: 'https://gateway.internal:8443',
      gatewayApiKey: 'k-1',
      corsOrigins: ['http://a.test', 'http://b.test'],
      logLevel: 'warn',
      logPretty: true,
    });
    expect(loadProductConfig(identity, { PORT: '  ', CORS_ORIGINS: '*' })).toMatchObject({ port: 8190, corsOrigins: true });
  });

  it('stops the boot with one message naming every bad variable', () => {
    const attempt = () => loadProductConfig(identity, { PORT: 'eighty', GATEWAY_URL: 'localhost:8100', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message.split('\n')[0]).toBe('invalid configuration for demo-api:');
    expect(message).toContain('PORT:');
    expect(message).toContain('GATEWAY_URL: GATEWAY_URL must be an http:// or https:// URL');
    expect(message).toContain('LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('DATABASE_URL: DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)');
  });

  it('rejects a port out of range', () => {
    expect(() => loadProductConfig(identity, { PORT: '70000' })).toThrow('PORT: PORT must be at most 65535');
  });
});

describe('parseEnvironment', () => {
  it('validates a product’s own variables with the same error format', () => {
    const schema = z.object({ MODEL: z.string().default('head'), BATCH: z.coerce.number().int().positive() });
    expect(parseEnvironment(schema, { BATCH: '8' }, 'x')).toEqual({ MODEL: 'head', BATCH: 8 });
    expect(() => parseEnvironment(schema, { BATCH: '-1' }, 'x')).toThrow(/^invalid configuration for x:\n {2}BATCH: /);
  });
});

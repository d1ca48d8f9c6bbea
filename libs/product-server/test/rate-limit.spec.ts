import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import IORedis from 'ioredis';
import { ConfigError, createProductApp, Public, Roles, Visitor } from '../src';
import { bucketOf, trackerOf } from '../src/lib/rate-limit/rate-limit';

// Rate limits from the route's access declaration, over real HTTP, with in-memory counters and with
// Redis counters (production mode: REDIS_URL, default redis://127.0.0.1:6379, under a prefix of its own).

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const ADMIN_TOKEN = randomBytes(24).toString('base64url');

@Controller('api')
class LimitedController {
  // Public: the sign-in stand-in (per IP, strict).
  @Post('sign-in')
  @Public({ rateLimit: 'sign-in' })
  @HttpCode(200)
  signIn() {
    return { ok: true };
  }

  // Public: anyone (per IP).
  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }

  @Get('conversation')
  @Visitor('x-conversation-token')
  conversation() {
    return { ok: true };
  }

  @Get('staff')
  @Roles('viewer')
  staff() {
    return { ok: true };
  }
}

@Module({ controllers: [LimitedController] })
class LimitedModule {}

const LIMITS = { RATE_LIMIT_SIGN_IN: '3', RATE_LIMIT_PUBLIC: '5', RATE_LIMIT_VISITOR: '4', RATE_LIMIT_STAFF: '6' };

describe.each([
  ['memory', {}],
  ['redis', { REDIS_URL }],
])('rate limits (%s counters)', (storage, storageEnv) => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let url: string;
  const prefix = `rl-test-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await createProductApp(LimitedModule, {
      name: 'demo-api',
      defaultPort: 0,
      env: { DEMO_DATABASE_URL: db.url, LOG_LEVEL: 'silent', MATRIX_ADMIN_TOKEN: ADMIN_TOKEN, JOB_QUEUE_PREFIX: prefix, ...LIMITS, ...storageEnv },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (storage === 'redis') {
      const redis = new IORedis(REDIS_URL);
      const keys = await redis.keys(`*${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  const statuses = async (count: number, call: () => Promise<Response>) => {
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push((await call()).status);
    return out;
  };

  it('limits sign-in per client IP, strictly, answering 429 rate_limited with Retry-After', async () => {
    const signIn = (ip: string) => fetch(`${url}/api/sign-in`, { method: 'POST', headers: { 'x-forwarded-for': ip } });
    expect(await statuses(3, () => signIn('203.0.113.7'))).toEqual([200, 200, 200]);
    const refused = await signIn('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ code: 'rate_limited', error: expect.stringMatching(/too many requests/) });
    // Another client (X-Forwarded-For from the loopback proxy is trusted) still signs in.
    expect((await signIn('203.0.113.8')).status).toBe(200);
  });

  it('limits public routes per IP, apart from sign-in', async () => {
    const open = () => fetch(`${url}/api/open`, { headers: { 'x-forwarded-for': '198.51.100.1' } });
    expect(await statuses(5, open)).toEqual([200, 200, 200, 200, 200]);
    expect((await open()).status).toBe(429);
    expect((await fetch(`${url}/api/open`, { headers: { 'x-forwarded-for': '198.51.100.2' } })).status).toBe(200);
  });

  it('never limits health probes or metrics', async () => {
    const live = () => fetch(`${url}/health/live`, { headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(new Set(await statuses(8, live))).toEqual(new Set([200]));
  });

  it('limits visitor routes per visitor token', async () => {
    const conversation = (token: string) => fetch(`${url}/api/conversation`, { headers: { 'x-conversation-token': token } });
    expect(await statuses(4, () => conversation('token-a'))).toEqual([200, 200, 200, 200]);
    expect((await conversation('token-a')).status).toBe(429);
    expect((await conversation('token-b')).status).toBe(200);
  });

  it('limits staff routes per credential, generously and apart from the public buckets', async () => {
    const staff = () => fetch(`${url}/api/staff`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await statuses(6, staff)).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = await staff();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });
});

describe('rate limits while Redis is away', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    // Nothing listens on port 1: every counter update fails. The job queue stays in-process (its own Redis use is not under test).
    app = await createProductApp(LimitedModule, {
      name: 'demo-api',
      defaultPort: 0,
      env: { DEMO_DATABASE_URL: db.url, LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1', JOB_QUEUE: 'in-process', ...LIMITS },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('keeps sign-in closed (503 + Retry-After) and the other routes answering', async () => {
    const signIn = await fetch(`${url}/api/sign-in`, { method: 'POST' });
    expect(signIn.status).toBe(503);
    expect(signIn.headers.get('retry-after')).toBe('5');
    expect(await signIn.json()).toMatchObject({ code: 'rate_limit_unavailable' });
    expect((await fetch(`${url}/api/open`)).status).toBe(200);
  });
});

describe('rate-limit buckets', () => {
  it('puts each access declaration in its bucket (undeclared routes count as staff)', () => {
    expect(bucketOf(undefined)).toBe('staff');
    expect(bucketOf({ kind: 'staff', role: 'admin' })).toBe('staff');
    expect(bucketOf({ kind: 'public', rateLimit: 'sign-in' })).toBe('sign-in');
    expect(bucketOf({ kind: 'public' })).toBe('public');
    // GET /api/auth/session: public (any valid session, role or not), counted per credential like staff routes.
    expect(bucketOf({ kind: 'public', rateLimit: 'staff' })).toBe('staff');
    expect(bucketOf({ kind: 'visitor', header: 'x-conversation-token', rateLimit: 'visitor' })).toBe('visitor');
  });

  it('tracks by IP, visitor token or staff credential, never keeping the secret as sent', () => {
    const visitor = { kind: 'visitor' as const, header: 'x-conversation-token' };
    expect(trackerOf({ ip: '10.0.0.1', headers: {} }, 'public', { kind: 'public' })).toBe('ip:10.0.0.1');
    expect(trackerOf({ ip: '10.0.0.1', headers: { 'x-conversation-token': 'secret' } }, 'visitor', visitor)).toMatch(/^visitor:[0-9a-f]{64}$/);
    expect(trackerOf({ ip: '10.0.0.1', headers: {} }, 'visitor', visitor)).toBe('ip:10.0.0.1');
    expect(trackerOf({ ip: '10.0.0.1', headers: { authorization: 'Bearer abc' } }, 'staff', undefined)).toMatch(/^token:[0-9a-f]{64}$/);
    expect(trackerOf({ ip: '10.0.0.1', headers: { cookie: 'a=1; matrix_session=xyz' } }, 'staff', undefined)).toMatch(/^session:[0-9a-f]{64}$/);
  });

  it('refuses a bad limit at boot', async () => {
    await expect(createProductApp(LimitedModule, { name: 'demo-api', defaultPort: 0, env: { RATE_LIMIT_SIGN_IN: '-1' } })).rejects.toThrow(ConfigError);
  });
});

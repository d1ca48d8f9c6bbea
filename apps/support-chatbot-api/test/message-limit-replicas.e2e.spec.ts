import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { freePort } from '@matrix/dev-harness';
import { call, startApi, visitorCall, type RunningApi } from './support/harness';

// Two chatbot API replicas in production mode (Redis at REDIS_URL, default 127.0.0.1:6379) on one database:
// the per-conversation message limit is one limit, counted in Redis, whichever replica a message reaches.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('support chatbot replicas share the message limit in Redis', () => {
  let db: TestDatabase;
  let a: RunningApi;
  let b: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const env = {
      SUPPORT_CHATBOT_DATABASE_URL: db.url,
      GATEWAY_URL: `http://127.0.0.1:${await freePort()}`,
      REDIS_URL,
      // A prefix of its own: no other test's counters or queues are touched.
      JOB_QUEUE_PREFIX: `limit-e2e-${randomBytes(6).toString('hex')}`,
      CHATBOT_SEED_KB: 'false',
      CHATBOT_REGISTER_MODEL: 'false',
      CHATBOT_RATE_PER_MINUTE: '2',
      LOG_LEVEL: 'error',
    };
    [a, b] = await Promise.all([startApi(env), startApi(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('two messages through A and B, the third is refused on either with 429 and Retry-After', async () => {
    const started = await call('POST', `${a.url}/api/conversations`, {});
    expect(started.status).toBe(201);
    const { id, token } = started.body as { id: string; token: string };
    const post = (api: RunningApi, text: string) => visitorCall('POST', `${api.url}/api/conversations/${id}/messages`, token, { text });
    expect((await post(a, 'one')).status).toBeLessThan(300);
    expect((await post(b, 'two')).status).toBeLessThan(300);
    const refused = await post(a, 'three');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(b, 'four')).status).toBe(429);
  });
});

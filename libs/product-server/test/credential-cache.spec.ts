// The credential cache of IdentityService (STAFF_CREDENTIAL_CACHE_SECONDS): a checked session or API token is kept for
// the TTL, a change made through this API applies at once, one made elsewhere (another replica, the users CLI) within the TTL.
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import type { FastifyRequest } from 'fastify';
import { IdentityService, IdentityStore, identitySettingsFrom } from '../src';

const PASSWORD = 'correct horse battery staple';
const TTL_SECONDS = 5;

describe('IdentityService credential cache', () => {
  let db: TestDatabase;
  let elsewhere: IdentityStore; // another process's view of the same identity store
  let userId: string;
  let clock: number;
  let service: IdentityService;
  let queries: number;

  const bearer = (token: string) => ({ method: 'POST', headers: { authorization: `Bearer ${token}` } }) as unknown as FastifyRequest;
  const cookie = (token: string) => ({ method: 'GET', headers: { cookie: `matrix_session=${token}` } }) as unknown as FastifyRequest;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    elsewhere = new IdentityStore(db.client);
    userId = (await elsewhere.createUser({ email: 'analyst@example.com', password: PASSWORD, roles: [{ product: 'demo', role: 'analyst' }] })).id;
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(() => {
    clock = Date.now(); // the same epoch as the store's session expiries
    queries = 0;
    const settings = identitySettingsFrom('demo-api', { PLATFORM_DATABASE_URL: db.url, STAFF_CREDENTIAL_CACHE_SECONDS: String(TTL_SECONDS) });
    service = new IdentityService(db.client, settings, () => clock);
    // Counts what the service asks the identity store (the cost the cache saves).
    for (const method of ['resolveApiToken', 'resolveSession', 'roleIn'] as const) {
      const original = service.store[method].bind(service.store) as (...args: unknown[]) => Promise<unknown>;
      (service.store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => (queries++, original(...args));
    }
  });

  it('asks the store once per API token within the TTL; a revocation elsewhere applies within the TTL', async () => {
    const { id, token } = await elsewhere.createApiToken({ userId, product: 'demo', name: 'ci', role: 'analyst' });
    expect(await service.authenticate(bearer(token))).toMatchObject({ kind: 'ok', via: 'api-token', role: 'analyst', tokenId: id });
    const asked = queries;
    expect(asked).toBeGreaterThan(0);
    clock += 1000;
    expect(await service.authenticate(bearer(token))).toMatchObject({ kind: 'ok' });
    expect(queries).toBe(asked); // served from the cache

    await elsewhere.revokeApiToken(userId, 'demo', id);
    clock += 1000; // still inside the TTL: this process has not heard of the revocation yet
    expect(await service.authenticate(bearer(token))).toMatchObject({ kind: 'ok' });
    clock += TTL_SECONDS * 1000; // past the TTL since it was checked: asked again, refused
    expect(await service.authenticate(bearer(token))).toMatchObject({ kind: 'invalid' });
  });

  it('applies a revocation or a role change made through this API at the next request', async () => {
    const { id, token } = await elsewhere.createApiToken({ userId, product: 'demo', name: 'nightly', role: 'analyst' });
    expect(await service.authenticate(bearer(token))).toMatchObject({ kind: 'ok', role: 'analyst' });
    await service.store.setRole(userId, 'demo', 'viewer');
    // The owner is a viewer now: the analyst token holds no role here.
    expect(await service.authenticate(bearer(token))).toMatchObject({ kind: 'ok', role: null });
    await service.store.setRole(userId, 'demo', 'analyst');
    expect(await service.authenticate(bearer(token))).toMatchObject({ kind: 'ok', role: 'analyst' });
    await service.store.revokeApiToken(userId, 'demo', id);
    expect(await service.authenticate(bearer(token))).toMatchObject({ kind: 'invalid' });
  });

  it('ends a signed-out session at once, and never serves a session past its own expiry', async () => {
    const session = await elsewhere.createSession(userId, 12 * 3_600_000);
    expect(await service.authenticate(cookie(session.token))).toMatchObject({ kind: 'ok', via: 'session' });
    await service.store.deleteSession(session.token);
    expect(await service.authenticate(cookie(session.token))).toMatchObject({ kind: 'invalid' });

    // A session ending in 2 s (real time: the store reads Date.now()) is cached no longer than that.
    const short = await elsewhere.createSession(userId, 2000);
    expect(await service.authenticate(cookie(short.token))).toMatchObject({ kind: 'ok' });
    const asked = queries;
    clock += 2500;
    await db.client.staffSession.updateMany({ where: { tokenHash: { not: '' } }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await service.authenticate(cookie(short.token))).toMatchObject({ kind: 'invalid' });
    expect(queries).toBeGreaterThan(asked);
  });

  it('asks the store on every request with STAFF_CREDENTIAL_CACHE_SECONDS=0', async () => {
    const settings = identitySettingsFrom('demo-api', { PLATFORM_DATABASE_URL: db.url, STAFF_CREDENTIAL_CACHE_SECONDS: '0' });
    const uncached = new IdentityService(db.client, settings, () => clock);
    const { id, token } = await elsewhere.createApiToken({ userId, product: 'demo', name: 'no-cache', role: 'analyst' });
    expect(await uncached.authenticate(bearer(token))).toMatchObject({ kind: 'ok' });
    await elsewhere.revokeApiToken(userId, 'demo', id);
    expect(await uncached.authenticate(bearer(token))).toMatchObject({ kind: 'invalid' });
  });
});

// Staff identity end to end (issue 14): a real product app over HTTP, its own SQLite database, and the shared
// identity store (platform database) on SQLite and on PostgreSQL.
import { Controller, Get, Headers, HttpCode, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type DbProvider, type TestDatabase } from '@matrix/db';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createProductApp, CurrentStaff, EVERY_PRODUCT, IdentityStore, Public, Roles, sha256, Visitor, type StaffPrincipal } from '../src';

@Controller('api/demo')
class AccessDemoController {
  // Public: the spec checks that public routes pass without credentials and still see a signed-in caller.
  @Get('open')
  @Public()
  open(@CurrentStaff() staff: StaffPrincipal | null) {
    return { staff };
  }

  @Get('undeclared')
  undeclared() {
    return { ok: true };
  }

  @Get('admin')
  @Roles('admin')
  admin(@CurrentStaff() staff: StaffPrincipal | null) {
    return { staff };
  }

  @Get('viewer')
  @Roles('viewer')
  viewer(@CurrentStaff() staff: StaffPrincipal | null) {
    return { staff };
  }

  @Post('write')
  @Roles('analyst')
  @HttpCode(200)
  write(@CurrentStaff() staff: StaffPrincipal | null) {
    return { staff };
  }

  @Get('visitor')
  @Visitor('x-conversation-token')
  visitor(@CurrentStaff() staff: StaffPrincipal | null, @Headers('x-conversation-token') token: string) {
    return { staff, token };
  }
}

@Module({ controllers: [AccessDemoController] })
class AccessDemoModule {}

const PASSWORD = 'correct horse battery staple';

interface Reply {
  status: number;
  body: Record<string, unknown> & { error?: string; code?: string };
  headers: Headers;
}

describe.each<DbProvider>(['sqlite', 'postgresql'])('staff identity with the identity store on %s', (provider) => {
  let productDb: TestDatabase;
  let platformDb: TestDatabase;
  let store: IdentityStore;
  let app: NestFastifyApplication;
  let base: string;
  const adminToken = randomBytes(32).toString('hex');
  const ids: Record<string, string> = {};

  async function req(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: text && json ? JSON.parse(text) : {}, headers: response.headers };
  }

  /** Signs in; returns the Cookie header a browser would send next, the CSRF token and the answer. */
  async function signIn(email: string, password = PASSWORD) {
    const reply = await req('POST', '/api/auth/sign-in', { body: { email, password } });
    const setCookies = reply.headers.getSetCookie();
    const cookie = setCookies.map((line) => line.split(';')[0]).join('; ');
    return { reply, setCookies, cookie, csrf: String(reply.body.csrfToken) };
  }

  beforeAll(async () => {
    [productDb, platformDb] = await Promise.all([
      createTestDatabase('sqlite'),
      createTestDatabase(provider, provider === 'postgresql' ? { schema: 'platform' } : {}),
    ]);
    store = new IdentityStore(platformDb.client);
    ids.admin = (await store.createUser({ email: 'Admin@Example.com', name: 'Ada', password: PASSWORD, roles: [{ product: 'demo', role: 'admin' }] })).id;
    ids.viewer = (await store.createUser({ email: 'viewer@example.com', password: PASSWORD, roles: [{ product: 'demo', role: 'viewer' }] })).id;
    ids.analyst = (await store.createUser({ email: 'analyst@example.com', password: PASSWORD, roles: [{ product: 'demo', role: 'analyst' }] })).id;
    ids.otherAdmin = (await store.createUser({ email: 'other@example.com', password: PASSWORD, roles: [{ product: 'other', role: 'admin' }] })).id;
    ids.disabled = (await store.createUser({ email: 'gone@example.com', password: PASSWORD, roles: [{ product: 'demo', role: 'admin' }] })).id;
    await store.setDisabled(ids.disabled, true);
    app = await createProductApp(AccessDemoModule, {
      name: 'demo-api',
      defaultPort: 0,
      env: {
        DEMO_DATABASE_URL: productDb.url,
        PLATFORM_DATABASE_URL: platformDb.url,
        MATRIX_ADMIN_TOKEN: adminToken,
        MATRIX_ADMIN_EMAIL: 'first@example.com',
        MATRIX_ADMIN_PASSWORD: 'first admin password',
        // This file signs in far more often than the per-IP sign-in limit allows (rate-limit.spec.ts tests the limit).
        RATE_LIMIT_SIGN_IN: '1000',
        // This file also changes sessions and tokens behind the app's back (as another replica would) and expects the next
        // request to see it: no credential cache here (credential-cache.spec.ts covers it).
        STAFF_CREDENTIAL_CACHE_SECONDS: '0',
        LOG_LEVEL: 'silent',
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([productDb?.drop(), platformDb?.drop()]);
  });

  it('signs in with e-mail (any case) and password: the answer, and cookies HttpOnly (session), Secure, SameSite=Lax, Path=/', async () => {
    const { reply, setCookies } = await signIn('ADMIN@example.com');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      user: { id: ids.admin, email: 'admin@example.com', name: 'Ada' },
      product: 'demo',
      role: 'admin',
      csrfToken: expect.any(String),
    });
    const session = setCookies.find((line) => line.startsWith('matrix_session='))!;
    const csrf = setCookies.find((line) => line.startsWith('matrix_csrf='))!;
    for (const attribute of ['Secure', 'SameSite=Lax', 'Path=/']) {
      expect(session.split('; ')).toContain(attribute);
      expect(csrf.split('; ')).toContain(attribute);
    }
    expect(session.split('; ')).toContain('HttpOnly');
    expect(csrf.split('; ')).not.toContain('HttpOnly');
    expect(csrf).toContain(`matrix_csrf=${reply.body.csrfToken}`);
    // Only hashes are stored: the cookie's token is not in the database, its SHA-256 is.
    const token = decodeURIComponent(session.split(';')[0].slice('matrix_session='.length));
    const rows = await platformDb.client.staffSession.findMany({ where: { userId: ids.admin } });
    expect(rows.map((row) => row.tokenHash)).toContain(sha256(token));
    expect(rows.map((row) => row.tokenHash)).not.toContain(token);
  });

  it('answers an unknown e-mail, a wrong password and a disabled account with the same 401', async () => {
    const answers = await Promise.all([signIn('nobody@example.com'), signIn('admin@example.com', 'wrong password!!'), signIn('gone@example.com')]);
    for (const { reply, setCookies } of answers) {
      expect(reply.status).toBe(401);
      expect({ error: reply.body.error, code: reply.body.code }).toEqual({ error: 'the e-mail or the password is wrong', code: 'invalid_credentials' });
      expect(setCookies).toEqual([]);
    }
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await platformDb.client.staffUser.findUniqueOrThrow({ where: { id: ids.admin } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,p=\d+,t=\d+\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it('GET /api/auth/session: the signed-in user, or 401 unauthenticated', async () => {
    const { cookie, csrf } = await signIn('viewer@example.com');
    const session = await req('GET', '/api/auth/session', { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ user: { id: ids.viewer, email: 'viewer@example.com', name: '' }, product: 'demo', role: 'viewer', csrfToken: csrf });
    const none = await req('GET', '/api/auth/session');
    expect([none.status, none.body.code]).toEqual([401, 'unauthenticated']);
    const bogus = await req('GET', '/api/auth/session', { headers: { cookie: 'matrix_session=forged' } });
    expect([bogus.status, bogus.body.code]).toEqual([401, 'unauthenticated']);
    const forgedToken = await req('GET', '/api/auth/session', { headers: { authorization: 'Bearer not-a-token' } });
    expect([forgedToken.status, forgedToken.body.code]).toEqual([401, 'unauthenticated']);
  });

  it('GET /api/auth/session answers a signed-in account without a role here 200 with role null, as sign-in does', async () => {
    const outsider = await signIn('other@example.com');
    expect(outsider.reply).toMatchObject({ status: 200, body: { role: null } });
    const session = await req('GET', '/api/auth/session', { headers: { cookie: outsider.cookie } });
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ user: { id: ids.otherAdmin, email: 'other@example.com', name: '' }, product: 'demo', role: null, csrfToken: outsider.csrf });
    // The bootstrap token: admin, no account, no CSRF token.
    const bootstrap = await req('GET', '/api/auth/session', { headers: { authorization: `Bearer ${adminToken}` } });
    expect(bootstrap).toMatchObject({ status: 200, body: { user: { id: 'bootstrap-token' }, role: 'admin', csrfToken: null } });
  });

  it('cookie writes need x-csrf-token equal to the matrix_csrf cookie: 403 csrf_failed without it', async () => {
    const { cookie, csrf } = await signIn('analyst@example.com');
    expect((await req('GET', '/api/demo/viewer', { headers: { cookie } })).status).toBe(200); // reads need none
    const missing = await req('POST', '/api/demo/write', { headers: { cookie } });
    expect([missing.status, missing.body.code]).toEqual([403, 'csrf_failed']);
    const wrong = await req('POST', '/api/demo/write', { headers: { cookie, 'x-csrf-token': 'not-the-token' } });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'csrf_failed']);
    // Another session's CSRF token does not fit this session.
    const other = await signIn('analyst@example.com');
    const crossed = await req('POST', '/api/demo/write', {
      headers: { cookie: `${cookie.split('; ')[0]}; matrix_csrf=${other.csrf}`, 'x-csrf-token': other.csrf },
    });
    expect([crossed.status, crossed.body.code]).toEqual([403, 'csrf_failed']);
    const ok = await req('POST', '/api/demo/write', { headers: { cookie, 'x-csrf-token': csrf } });
    expect(ok.status).toBe(200);
    expect(ok.body.staff).toEqual({ userId: ids.analyst, email: 'analyst@example.com', role: 'analyst', via: 'session' });
  });

  it('API tokens: created once, stored hashed, used as Bearer without CSRF, listed without the secret, revoked', async () => {
    const { cookie, csrf } = await signIn('analyst@example.com');
    const tooMuch = await req('POST', '/api/auth/tokens', { headers: { cookie, 'x-csrf-token': csrf }, body: { name: 'x', role: 'admin' } });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([403, 'forbidden']);
    const created = await req('POST', '/api/auth/tokens', { headers: { cookie, 'x-csrf-token': csrf }, body: { name: 'nightly export' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      token: expect.stringMatching(/^mxt_[\w-]{43}$/),
      name: 'nightly export',
      role: 'analyst',
      product: 'demo',
    });
    const token = String(created.body.token);
    const row = await platformDb.client.apiToken.findUniqueOrThrow({ where: { id: String(created.body.id) } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.lastUsedAt).toBeNull();

    const used = await req('POST', '/api/demo/write', { headers: { authorization: `Bearer ${token}` } });
    expect(used.status).toBe(200);
    expect(used.body.staff).toEqual({ userId: ids.analyst, email: 'analyst@example.com', role: 'analyst', via: 'api-token', tokenId: created.body.id });
    expect((await platformDb.client.apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).not.toBeNull();
    expect((await req('GET', '/api/demo/admin', { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);

    const list = await req('GET', '/api/auth/tokens', { headers: { authorization: `Bearer ${token}` } });
    expect(list.body.items).toEqual([expect.objectContaining({ id: row.id, name: 'nightly export', role: 'analyst', revokedAt: null })]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain(row.tokenHash);

    const revoked = await req('DELETE', `/api/auth/tokens/${row.id}`, { headers: { cookie, 'x-csrf-token': csrf } });
    expect(revoked.status).toBe(204);
    const after = await req('POST', '/api/demo/write', { headers: { authorization: `Bearer ${token}` } });
    expect([after.status, after.body.code]).toEqual([401, 'unauthenticated']);
    // Someone else's token id is not found (only your own tokens).
    expect((await req('DELETE', `/api/auth/tokens/${row.id}`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(404);
  });

  it('an API token works only in its own product', async () => {
    const { token } = await store.createApiToken({ userId: ids.admin, product: 'other', name: 'elsewhere', role: 'admin' });
    const reply = await req('GET', '/api/demo/viewer', { headers: { authorization: `Bearer ${token}` } });
    expect([reply.status, reply.body.code]).toEqual([401, 'unauthenticated']);
  });

  it('the bootstrap token MATRIX_ADMIN_TOKEN is admin; any other bearer is refused', async () => {
    const ok = await req('GET', '/api/demo/admin', { headers: { authorization: `Bearer ${adminToken}` } });
    expect(ok.status).toBe(200);
    expect(ok.body.staff).toEqual({ userId: 'bootstrap-token', email: 'bootstrap-token', role: 'admin', via: 'bootstrap-token' });
    const wrong = await req('GET', '/api/demo/admin', { headers: { authorization: `Bearer ${adminToken.slice(0, -1)}x` } });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'unauthenticated']);
    const malformed = await req('GET', '/api/demo/admin', { headers: { authorization: `Basic ${adminToken}` } });
    expect(malformed.status).toBe(401);
  });

  it('sessions expire (refused and deleted) and slide on use', async () => {
    const { cookie } = await signIn('viewer@example.com');
    const [row] = await platformDb.client.staffSession.findMany({ where: { userId: ids.viewer }, orderBy: { createdAt: 'desc' }, take: 1 });
    // Sliding: a use after a while moves the expiry to now + 12 h.
    await platformDb.client.staffSession.update({
      where: { id: row.id },
      data: { lastSeenAt: new Date(Date.now() - 5 * 60_000), expiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await req('GET', '/api/auth/session', { headers: { cookie } })).status).toBe(200);
    const slid = await platformDb.client.staffSession.findUniqueOrThrow({ where: { id: row.id } });
    expect(slid.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    // Expired: 401, and the row is gone.
    await platformDb.client.staffSession.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await req('GET', '/api/auth/session', { headers: { cookie } });
    expect([expired.status, expired.body.code]).toEqual([401, 'unauthenticated']);
    expect(await platformDb.client.staffSession.findUnique({ where: { id: row.id } })).toBeNull();
  });

  it('no credentials → 401; a role too low → 403; a route without a declaration is admin-only', async () => {
    const viewer = await signIn('viewer@example.com');
    const admin = await signIn('admin@example.com');
    const anonymous = await req('GET', '/api/demo/viewer');
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthenticated']);
    const low = await req('GET', '/api/demo/admin', { headers: { cookie: viewer.cookie } });
    expect([low.status, low.body.code]).toEqual([403, 'forbidden']);
    expect((await req('GET', '/api/demo/undeclared')).status).toBe(401);
    expect((await req('GET', '/api/demo/undeclared', { headers: { cookie: viewer.cookie } })).status).toBe(403);
    expect((await req('GET', '/api/demo/undeclared', { headers: { cookie: admin.cookie } })).status).toBe(200);
    // A role in another product is no role here.
    const outsider = await signIn('other@example.com');
    expect(outsider.reply.body.role).toBeNull();
    expect((await req('GET', '/api/demo/viewer', { headers: { cookie: outsider.cookie } })).status).toBe(403);
  });

  it('public routes pass without credentials; visitor routes need their header', async () => {
    expect((await req('GET', '/health/live')).status).toBe(200);
    expect((await req('GET', '/metrics')).status).toBe(200);
    expect(await req('GET', '/api/demo/open')).toMatchObject({ status: 200, body: { staff: null } });
    const admin = await signIn('admin@example.com');
    expect((await req('GET', '/api/demo/open', { headers: { cookie: admin.cookie } })).body.staff).toMatchObject({
      email: 'admin@example.com',
      via: 'session',
    });
    const noHeader = await req('GET', '/api/demo/visitor');
    expect([noHeader.status, noHeader.body.code]).toEqual([401, 'unauthenticated']);
    expect(await req('GET', '/api/demo/visitor', { headers: { 'x-conversation-token': 'abc' } })).toMatchObject({
      status: 200,
      body: { staff: null, token: 'abc' },
    });
    const both = await req('GET', '/api/demo/visitor', { headers: { 'x-conversation-token': 'abc', authorization: `Bearer ${adminToken}` } });
    expect(both.body.staff).toMatchObject({ via: 'bootstrap-token', role: 'admin' });
  });

  it('the first admin from MATRIX_ADMIN_EMAIL/PASSWORD is admin in every product', async () => {
    const first = await store.findByEmail('first@example.com');
    expect(first).not.toBeNull();
    expect(await store.rolesOf(first!.id)).toEqual([{ product: EVERY_PRODUCT, role: 'admin' }]);
    expect((await signIn('first@example.com', 'first admin password')).reply.body.role).toBe('admin');
  });

  it('admins manage users and roles of their own product only', async () => {
    const admin = await signIn('admin@example.com');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const created = await req('POST', '/api/auth/users', {
      headers,
      body: { email: 'New@Example.com', name: 'Newt', password: 'a long enough password', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new@example.com', name: 'Newt', role: 'viewer', everyProduct: false, disabled: false });
    expect(
      (await req('POST', '/api/auth/users', { headers, body: { email: 'new@example.com', password: 'a long enough password', role: 'viewer' } })).status,
    ).toBe(409);
    expect((await req('POST', '/api/auth/users', { headers, body: { email: 'short@example.com', password: 'short', role: 'viewer' } })).status).toBe(422);
    expect((await signIn('new@example.com', 'a long enough password')).reply.body.role).toBe('viewer');

    const promoted = await req('PUT', `/api/auth/users/${created.body.id}/role`, { headers, body: { role: 'analyst' } });
    expect(promoted).toMatchObject({ status: 200, body: { role: 'analyst' } });
    // Granting the admin of another product a role here changes nothing there.
    const granted = await req('PUT', `/api/auth/users/${ids.otherAdmin}/role`, { headers, body: { role: 'viewer' } });
    expect(granted).toMatchObject({ status: 200, body: { role: 'viewer' } });
    expect(await store.rolesOf(ids.otherAdmin)).toEqual([
      { product: 'demo', role: 'viewer' },
      { product: 'other', role: 'admin' },
    ]);
    const removed = await req('PUT', `/api/auth/users/${ids.otherAdmin}/role`, { headers, body: { role: null } });
    expect(removed).toMatchObject({ status: 200, body: { role: null } });
    expect(await store.rolesOf(ids.otherAdmin)).toEqual([{ product: 'other', role: 'admin' }]);

    const listed = await req('GET', '/api/auth/users', { headers: { cookie: admin.cookie } });
    const emails = (listed.body.items as Array<{ email: string }>).map((user) => user.email);
    expect(emails).toEqual(expect.arrayContaining(['admin@example.com', 'new@example.com', 'first@example.com']));
    expect(emails).not.toContain('other@example.com');
    expect(JSON.stringify(listed.body)).not.toContain('argon2');

    expect((await req('PUT', `/api/auth/users/${ids.admin}/role`, { headers, body: { role: 'viewer' } })).status).toBe(409);
    expect((await req('PUT', '/api/auth/users/nope/role', { headers, body: { role: 'viewer' } })).status).toBe(404);
    expect((await req('PUT', `/api/auth/users/${ids.viewer}/role`, { headers, body: { role: 'owner' } })).status).toBe(422);
    // The admin of another product is not an admin here.
    const outsider = await signIn('other@example.com');
    expect((await req('GET', '/api/auth/users', { headers: { cookie: outsider.cookie } })).status).toBe(403);
    const viewer = await signIn('viewer@example.com');
    const denied = await req('POST', '/api/auth/users', {
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf },
      body: { email: 'x@example.com', password: 'a long enough password', role: 'admin' },
    });
    expect([denied.status, denied.body.code]).toEqual([403, 'forbidden']);
  });

  it('signs out: the session ends and the cookies are cleared (a live session needs the CSRF header)', async () => {
    const { cookie, csrf } = await signIn('viewer@example.com');
    expect((await req('POST', '/api/auth/sign-out', { headers: { cookie } })).status).toBe(403);
    const out = await req('POST', '/api/auth/sign-out', { headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().every((line) => /Max-Age=0/.test(line))).toBe(true);
    expect((await req('GET', '/api/auth/session', { headers: { cookie } })).status).toBe(401);
  });

  it('documents the auth routes in OpenAPI', async () => {
    const doc = (await req('GET', '/docs/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/sign-in',
        '/api/auth/sign-out',
        '/api/auth/session',
        '/api/auth/tokens',
        '/api/auth/tokens/{id}',
        '/api/auth/users',
        '/api/auth/users/{id}/role',
      ]),
    );
  });
});

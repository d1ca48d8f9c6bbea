import { renderToStaticMarkup } from 'react-dom/server';
import { AccessPage, listItems } from './access-page';
import { ApiError } from './api-error';
import { apiFetch, csrfHeaders, isPublicPage, readCookie, safeNextPath, setPublicPages, signInUrl } from './api-fetch';
import { AppShell } from './app-shell';
import { AuditLogPage } from './audit-log-page';
import { visibleNav } from './product-shell';
import { roleAllows, type StaffSession } from './roles';
import { RequireRole, SessionControls, SessionProvider } from './session';
import { SignInPage, signInErrorMessage } from './sign-in-page';

const session = (role: StaffSession['role']): StaffSession => ({
  user: { id: 'u1', email: 'ana@example.com', name: 'Ana' },
  product: 'sentiment',
  role,
  csrfToken: 'c1',
});

describe('roles', () => {
  it('admin may do everything, viewer-level things are open to every role, others need their own role', () => {
    expect(roleAllows('admin', 'agent')).toBe(true);
    expect(roleAllows('analyst', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('agent', 'agent')).toBe(true);
    expect(roleAllows('viewer', 'admin')).toBe(false);
    expect(roleAllows('agent', 'analyst')).toBe(false);
    expect(roleAllows(null, 'viewer')).toBe(false);
  });

  it('RequireRole shows admin buttons to an admin only (signed out or outside a provider: hidden)', () => {
    const button = (
      <RequireRole role="admin" fallback={<span>read only</span>}>
        <button type="button">Delete article</button>
      </RequireRole>
    );
    expect(renderToStaticMarkup(<SessionProvider initial={session('admin')}>{button}</SessionProvider>)).toBe('<button type="button">Delete article</button>');
    expect(renderToStaticMarkup(<SessionProvider initial={session('viewer')}>{button}</SessionProvider>)).toBe('<span>read only</span>');
    expect(renderToStaticMarkup(<SessionProvider initial={null}>{button}</SessionProvider>)).toBe('<span>read only</span>');
    expect(renderToStaticMarkup(button)).toBe('<span>read only</span>');
  });

  it('hides admin-only nav items (Access, Audit log) from other roles', () => {
    const nav = [
      { href: '/', label: 'Analyze' },
      { href: '/access', label: 'Access', role: 'admin' as const },
      { href: '/audit', label: 'Audit log', role: 'admin' as const },
    ];
    expect(visibleNav(nav, 'viewer').map((item) => item.label)).toEqual(['Analyze']);
    expect(visibleNav(nav, 'admin').map((item) => item.label)).toEqual(['Analyze', 'Access', 'Audit log']);
    expect(visibleNav(nav, undefined).map((item) => item.label)).toEqual(['Analyze']);
  });
});

describe('the header account area', () => {
  it('shows who is signed in, their role and Sign out', () => {
    const html = renderToStaticMarkup(
      <SessionProvider initial={session('analyst')}>
        <AppShell productName="Sentiment" nav={[]} account={<SessionControls />}>
          <p>page</p>
        </AppShell>
      </SessionProvider>,
    );
    expect(html).toContain('ana@example.com');
    expect(html).toContain('>analyst</span>');
    expect(html).toMatch(/<button[^>]*>Sign out<\/button>/);
  });

  it("offers staff sign-in when nobody is signed in (e.g. on the chat visitor's public page)", () => {
    const html = renderToStaticMarkup(
      <SessionProvider initial={null}>
        <SessionControls />
      </SessionProvider>,
    );
    expect(html).toContain('href="/sign-in">Staff sign-in</a>');
    expect(html).not.toContain('Sign out');
  });
});

describe('the sign-in page', () => {
  it('has labelled e-mail and password fields and a submit button', () => {
    const html = renderToStaticMarkup(<SignInPage productName="Sentiment" next="/history" />);
    expect(html).toContain('<h1>Sign in</h1>');
    expect(html).toContain('<label for="sign-in-email">E-mail</label>');
    expect(html).toMatch(/<input id="sign-in-email"[^>]*type="email"[^>]*autoComplete="username"/);
    expect(html).toContain('<label for="sign-in-password">Password</label>');
    expect(html).toMatch(/<input id="sign-in-password"[^>]*type="password"[^>]*autoComplete="current-password"/);
    expect(html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
  });

  it('tells a signed-in person who they are, with a link on to where they were going', () => {
    const html = renderToStaticMarkup(
      <SessionProvider initial={session('viewer')}>
        <SignInPage productName="Sentiment" next="/history" />
      </SessionProvider>,
    );
    expect(html).toContain('You are signed in as ana@example.com. <a href="/history">Continue</a>');
  });

  it('says plainly what went wrong: wrong credentials, too many attempts with the wait, API down', () => {
    expect(signInErrorMessage(new ApiError('Invalid credentials', 401, 'invalid_credentials'))).toBe(
      'The e-mail or password is not right. Check both and try again.',
    );
    expect(signInErrorMessage(new ApiError('Too many requests', 429, 'rate_limited', undefined, 42))).toBe(
      'Too many sign-in attempts. Try again in 42 seconds.',
    );
    expect(signInErrorMessage(new ApiError('Too many requests', 429, 'rate_limited', undefined, 900))).toBe(
      'Too many sign-in attempts. Try again in 15 minutes.',
    );
    expect(signInErrorMessage(new ApiError('Too many requests', 429, 'rate_limited'))).toBe('Too many sign-in attempts. Wait a moment and try again.');
    expect(signInErrorMessage(new ApiError('down', 502, 'api_unreachable'))).toContain('cannot be reached');
  });

  it('returns only to a path of this site', () => {
    expect(safeNextPath('/history?page=2')).toBe('/history?page=2');
    for (const bad of [null, '', 'https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/sign-in', '/sign-in?next=/x'])
      expect(safeNextPath(bad)).toBe('/');
    expect(signInUrl('/knowledge-base')).toBe('/sign-in?next=%2Fknowledge-base');
    expect(signInUrl('/')).toBe('/sign-in');
  });
});

describe('apiFetch and the session', () => {
  const globals = globalThis as unknown as { document?: { cookie: string }; window?: unknown };
  const ok = () => {
    const calls: RequestInit[] = [];
    const impl = (async (_url: string, init: RequestInit) => {
      calls.push(init);
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch;
    return { impl, calls };
  };

  afterEach(() => {
    delete globals.document;
    delete globals.window;
    setPublicPages([]);
  });

  it('reads a cookie by name', () => {
    expect(readCookie('matrix_csrf', 'a=1; matrix_csrf=abc%3D; b=2')).toBe('abc=');
    expect(csrfHeaders('matrix_csrf=t1')).toEqual({ 'x-csrf-token': 't1' });
    expect(csrfHeaders('')).toEqual({});
    expect(readCookie('matrix_csrf', 'not_matrix_csrf=1')).toBeUndefined();
  });

  it('sends the matrix_csrf cookie as x-csrf-token on writes, not on reads', async () => {
    globals.document = { cookie: 'matrix_csrf=tok123' };
    const { impl, calls } = ok();
    await apiFetch('/api/articles/a1', { method: 'DELETE', fetchImpl: impl });
    await apiFetch('/api/articles', { fetchImpl: impl });
    expect(new Headers(calls[0].headers).get('x-csrf-token')).toBe('tok123');
    expect(new Headers(calls[1].headers).get('x-csrf-token')).toBeNull();
  });

  it('sends a signed-out person to /sign-in?next=<this page> on a 401, but not from a public page nor for /api/auth calls', async () => {
    const assign = jest.fn();
    globals.window = { location: { pathname: '/knowledge-base', search: '?q=refund', assign } };
    const unauthenticated = (async () =>
      new Response(JSON.stringify({ error: 'Sign in first', code: 'unauthenticated' }), { status: 401 })) as unknown as typeof fetch;
    await expect(apiFetch('/api/articles', { fetchImpl: unauthenticated })).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(assign).toHaveBeenCalledWith('/sign-in?next=%2Fknowledge-base%3Fq%3Drefund');

    assign.mockClear();
    await expect(apiFetch('/api/auth/session', { fetchImpl: unauthenticated })).rejects.toBeInstanceOf(ApiError);
    await expect(apiFetch('/api/articles', { fetchImpl: unauthenticated, signInOnUnauthenticated: false })).rejects.toBeInstanceOf(ApiError);
    setPublicPages(['/']);
    globals.window = { location: { pathname: '/', search: '', assign } };
    await expect(apiFetch('/api/conversations/c1', { fetchImpl: unauthenticated })).rejects.toBeInstanceOf(ApiError);
    expect(assign).not.toHaveBeenCalled();
  });

  it('knows the open pages', () => {
    expect(isPublicPage('/sign-in', [])).toBe(true);
    expect(isPublicPage('/', ['/'])).toBe(true);
    expect(isPublicPage('/agent', ['/'])).toBe(false);
    expect(isPublicPage('/visit/x', ['/visit/*'])).toBe(true);
  });

  it('keeps the Retry-After of a 429 on the error', async () => {
    const limited = (async () =>
      new Response(JSON.stringify({ error: 'Too many requests', code: 'rate_limited' }), {
        status: 429,
        headers: { 'retry-after': '30' },
      })) as unknown as typeof fetch;
    await expect(apiFetch('/api/auth/sign-in', { method: 'POST', json: {}, fetchImpl: limited })).rejects.toMatchObject({ status: 429, retryAfterSeconds: 30 });
  });
});

describe('the shared admin pages', () => {
  it('Access: people and roles for an admin, only own tokens for others', () => {
    const admin = renderToStaticMarkup(
      <SessionProvider initial={session('admin')}>
        <AccessPage />
      </SessionProvider>,
    );
    expect(admin).toContain('<h1>Access</h1>');
    expect(admin).toContain('aria-label="People"');
    expect(admin).toContain('aria-label="Add a person"');
    expect(admin).toContain('aria-label="Your API tokens"');
    const viewer = renderToStaticMarkup(
      <SessionProvider initial={session('viewer')}>
        <AccessPage />
      </SessionProvider>,
    );
    expect(viewer).not.toContain('aria-label="People"');
    expect(viewer).toContain('Only an admin of this product');
    expect(viewer).toContain('aria-label="Your API tokens"');
    expect(listItems([{ id: 'a' }])).toEqual([{ id: 'a' }]);
    expect(listItems({ items: [{ id: 'b' }] })).toEqual([{ id: 'b' }]);
  });

  it('Audit log: a table with time, actor, action and target for an admin', () => {
    const html = renderToStaticMarkup(
      <SessionProvider initial={session('admin')}>
        <AuditLogPage />
      </SessionProvider>,
    );
    expect(html).toContain('<h1>Audit log</h1>');
    expect(html).toMatch(/>Time<\/th>.*>Actor<\/th>.*>Action<\/th>.*>Target<\/th>/);
    expect(html).toContain('aria-label="Audit log pages"');
    const viewer = renderToStaticMarkup(
      <SessionProvider initial={session('viewer')}>
        <AuditLogPage />
      </SessionProvider>,
    );
    expect(viewer).toContain('Only an admin of this product can read the audit log.');
  });
});

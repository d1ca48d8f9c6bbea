/**
 * Staff sign-in in a real browser (issue 14), on the sentiment web against its real API and the shared
 * identity store: signed out → the sign-in page (with `next`); a wrong password says so; the admin signs
 * in, lands on the page asked for, sees who they are and the admin nav, and adds a viewer on the Access
 * page; sign-out ends it; the viewer signs in, sees no admin button, and the API refuses the admin call
 * anyway (403). The other products share these pages (libs/product-ui), so one product shows them.
 * Screenshots go to tmp/screenshots/sign-in-*.png.
 *
 * Needs /usr/bin/chromium and a build (`npx nx run sentiment-web:build`). No model: the pages used here
 * read stored data only, so the API runs without a gateway (liveness, not readiness).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort, startAppProcess } from '@matrix/dev-harness';
import { workspaceRoot } from '@matrix/paths';
import {
  e2eStaff,
  firstAdminEnv,
  gotoHydrated,
  launchChromium,
  openPage,
  requireChromium,
  requireNextBuild,
  screenshotter,
  signIn,
  signOut,
  startNextServer,
  WebE2eStack,
} from '@matrix/web-e2e';

const apiMain = join(workspaceRoot(), 'apps', 'sentiment-api', 'src', 'main.ts');
const shot = screenshotter('sign-in');

describe('staff sign-in on a product web, in Chromium against the real API', () => {
  const admin = e2eStaff('admin');
  const viewer = e2eStaff('viewer');
  let stack: WebE2eStack;
  let webUrl = '';
  let page: Page;

  beforeAll(async () => {
    requireChromium();
    requireNextBuild('sentiment-web');
    if (!existsSync(apiMain)) throw new Error(`${apiMain} is missing`);
    stack = new WebE2eStack('sign-in-web');
    const api = stack.add(
      await startAppProcess('sentiment-api', {
        readyPath: '/health/live',
        env: {
          // Nothing answers here: no page of this test needs the model.
          GATEWAY_URL: `http://127.0.0.1:${await freePort()}`,
          SENTIMENT_DATABASE_URL: `file:${join(stack.scratch, 'e2e.db')}`,
          ...firstAdminEnv(admin),
        },
        readyTimeoutMs: 180_000,
      }),
    );
    webUrl = stack.add(await startNextServer('sentiment-web', { env: { SENTIMENT_API_URL: api.url }, readyPath: '/health' })).url;
    page = await openPage(stack.addBrowser(await launchChromium()));
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('sends a signed-out person to the sign-in page, keeping the page they asked for', async () => {
    await gotoHydrated(page, `${webUrl}/history?label=NEGATIVE`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/history?label=NEGATIVE');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
    // The API itself refuses a signed-out caller (the web's proxy forwards, the API answers 401).
    const status = await page.evaluate(async () => (await fetch('/api/analyses')).status);
    expect(status).toBe(401);
    await shot(page, 'page');
  });

  it('says so when the password is wrong', async () => {
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not sign in' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('The e-mail or password is not right');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs the admin in and back to the page asked for, showing who is signed in and the admin nav', async () => {
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/history');
    expect(new URL(page.url()).search).toBe('?label=NEGATIVE');
    const account = page.getByLabel('Signed in');
    await account.waitFor();
    await expect(account.textContent()).resolves.toContain(admin.email);
    await expect(account.locator('.mx-session__role').textContent()).resolves.toBe('admin');
    // The staff page works: the history table answers (empty database).
    await page.getByRole('table').first().waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).isVisible()).resolves.toBe(true);
    // The admin sees the admin-only column.
    await expect(page.getByRole('columnheader', { name: 'Actions' }).count()).resolves.toBe(1);
    await shot(page, 'admin-history');
  });

  it('lets the admin add a viewer on the Access page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access' }).click();
    await page.getByRole('heading', { name: 'Access', level: 1 }).waitFor();
    const people = page.getByRole('region', { name: 'People' });
    await people.getByRole('cell', { name: admin.email }).waitFor();
    await people.getByLabel('E-mail').fill(viewer.email);
    await people.getByLabel('Initial password').fill(viewer.password);
    await people.getByLabel('Role', { exact: true }).selectOption('viewer');
    await people.getByRole('button', { name: 'Add person' }).click();
    await people.getByRole('cell', { name: viewer.email }).waitFor();
    await expect(people.getByLabel(`Role of ${viewer.email}`).inputValue()).resolves.toBe('viewer');
    await shot(page, 'access');
  });

  it('creates a personal API token, shown once, that works as Bearer until revoked', async () => {
    const tokens = page.getByRole('region', { name: 'Your API tokens' });
    await tokens.getByLabel('Token name').fill('e2e script');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const secret = (await tokens.getByTestId('new-token').textContent()) ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await tokens.getByRole('cell', { name: 'e2e script', exact: true }).waitFor();
    const withToken = () => fetch(`${webUrl}/api/auth/session`, { headers: { authorization: `Bearer ${secret}` } });
    await expect(withToken().then((response) => response.status)).resolves.toBe(200);
    await tokens.getByRole('button', { name: 'Done' }).click();
    await expect(tokens.getByTestId('new-token').count()).resolves.toBe(0);
    await tokens.getByRole('button', { name: 'Revoke e2e script' }).click();
    await tokens.getByText('revoked').or(tokens.getByText('No tokens yet.')).waitFor();
    await expect(withToken().then((response) => response.status)).resolves.toBe(401);
  });

  it('signs out: the session is gone and staff pages send to sign-in again', async () => {
    await signOut(page);
    await gotoHydrated(page, `${webUrl}/dashboard`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/dashboard');
    const status = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(status).toBe(401);
  });

  it('a viewer sees no admin button, and the API refuses the admin call anyway (403)', async () => {
    await signIn(page, webUrl, viewer, '/history');
    await page.getByLabel('Signed in').waitFor();
    await expect(page.getByLabel('Signed in').locator('.mx-session__role').textContent()).resolves.toBe('viewer');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'History' }).isVisible()).resolves.toBe(true);
    await expect(nav.getByRole('link', { name: 'Access' }).count()).resolves.toBe(0);
    await expect(nav.getByRole('link', { name: 'Audit log' }).count()).resolves.toBe(0);
    await page.getByRole('table').first().waitFor();
    await expect(page.getByRole('columnheader', { name: 'Actions' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Delete/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Export CSV' }).count()).resolves.toBe(0);
    await shot(page, 'viewer-history');

    // What the hidden button would have sent, from the viewer's own page (session cookie and CSRF header).
    const refused = await page.evaluate(async () => {
      const csrf = document.cookie
        .split(';')
        .map((part) => part.trim())
        .find((part) => part.startsWith('matrix_csrf='))
        ?.slice('matrix_csrf='.length);
      const response = await fetch('/api/analyses/00000000-0000-0000-0000-000000000000', {
        method: 'DELETE',
        headers: { 'x-csrf-token': decodeURIComponent(csrf ?? '') },
      });
      return { status: response.status, body: (await response.json()) as { code?: string } };
    });
    expect(refused).toEqual({ status: 403, body: expect.objectContaining({ code: 'forbidden' }) });

    // The Access page tells a viewer it is for admins, and the API agrees.
    await gotoHydrated(page, `${webUrl}/access`);
    await page.getByText('Only an admin of this product can see and change who has access.').waitFor();
    const users = await page.evaluate(async () => (await fetch('/api/auth/users')).status);
    expect(users).toBe(403);
  });
});

import { randomBytes } from 'node:crypto';
import { call } from '@matrix/dev-harness';
import type { Page } from 'playwright-core';
import { gotoHydrated, waitHydrated } from './hydrated';

/** A staff account the browser signs in with. */
export interface StaffCredentials {
  email: string;
  password: string;
}

export type E2eStaffRole = 'admin' | 'agent' | 'analyst' | 'viewer';

/** A fresh account for one e2e file (a random password: there is never a default one). */
export function e2eStaff(name: string): StaffCredentials {
  return { email: `${name}@e2e.example`, password: `pw-${randomBytes(12).toString('hex')}` };
}

/**
 * The API env that creates the first admin at boot (MATRIX_ADMIN_EMAIL + MATRIX_ADMIN_PASSWORD, as `npm start`
 * documents it). The identity store is the test run's own (PLATFORM_DATABASE_URL, set by tools/jest/identity-env.js
 * and inherited by the API process), so every e2e file starts with nobody in it.
 */
export function firstAdminEnv(admin: StaffCredentials): Record<string, string> {
  return { MATRIX_ADMIN_EMAIL: admin.email, MATRIX_ADMIN_PASSWORD: admin.password };
}

/** Creates a staff member with `role` in the API's product (POST /api/auth/users, as admin with the bootstrap token). */
export async function createStaffUser(apiUrl: string, user: StaffCredentials & { role: E2eStaffRole; name?: string }): Promise<void> {
  const reply = await call('POST', `${apiUrl}/api/auth/users`, { email: user.email, password: user.password, role: user.role, name: user.name });
  if (reply.status !== 201 && reply.status !== 200)
    throw new Error(
      `could not create ${user.email} (${user.role}): HTTP ${reply.status} ${reply.text} — is MATRIX_ADMIN_TOKEN set (tools/jest/identity-env.js)?`,
    );
}

/**
 * Signs in through the web's own sign-in page (as a person does) and waits until the page it lands on has hydrated: the
 * browser context then holds the session cookies for every later page. `next` is where to land (default /).
 */
export async function signIn(page: Page, webUrl: string, staff: StaffCredentials, next = '/'): Promise<void> {
  await gotoHydrated(page, `${webUrl}/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`);
  await page.getByLabel('E-mail').fill(staff.email);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await waitHydrated(page);
}

/** Signs out with the header's button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
}

/** Headers for a test's own request through the web's /api proxy (a download link…): admin, with the bootstrap token. */
export function adminAuthorization(): Record<string, string> {
  const token = process.env.MATRIX_ADMIN_TOKEN;
  return token ? { authorization: `Bearer ${token}` } : {};
}

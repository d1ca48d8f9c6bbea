import { randomBytes } from 'node:crypto';
import { withTestCredentials } from './http-call';

/**
 * The bootstrap admin token (MATRIX_ADMIN_TOKEN) tools hand to the product APIs they start and send as
 * `Authorization: Bearer` (the APIs deny every staff route to callers without credentials). Taken from the
 * environment when set; otherwise a random one is made once per process and put in process.env, so the
 * apps this process starts (startAppProcess passes it) and `call()` / withAdminToken() agree on it.
 * The one way the harness makes it (in Jest, tools/jest/identity-env.js has already set it, with a throw-away
 * PLATFORM_DATABASE_URL). Outside Jest the identity store is the caller's: pass PLATFORM_DATABASE_URL to
 * startAppProcess for a throw-away one (as the security audit does), else the apps use the workspace's.
 */
export function harnessAdminToken(): string {
  if (!process.env.MATRIX_ADMIN_TOKEN) process.env.MATRIX_ADMIN_TOKEN = randomBytes(32).toString('base64url');
  return process.env.MATRIX_ADMIN_TOKEN;
}

/** `authorization: Bearer <harnessAdminToken()>` beside `headers`, unless they carry an authorization already (as `call()` sends it). */
export function withAdminToken(headers: Record<string, string> = {}): Record<string, string> {
  harnessAdminToken();
  return withTestCredentials(headers);
}

import { randomBytes } from 'node:crypto';
import { withTestCredentials } from './http-call';

/**
 * The bootstrap admin token (MATRIX_ADMIN_TOKEN) tools hand to the product APIs they start and send as
 * `Authorization: Bearer` (the APIs deny every staff route to callers without credentials). Taken from the
 * environment when set; otherwise a random one is made once per process and put in process.env, so the
 * apps this process starts and `call()` agree on it.
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

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as argon2 from 'argon2';

/** SHA-256 of a token, hex: what the store keeps of session, CSRF and API tokens (never the token). */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A new random token: 32 bytes, base64url, with an optional prefix that says what it is (e.g. `mxt_`). */
export function newToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Compares two secrets in constant time (their SHA-256 digests, so unequal lengths leak nothing either). */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** argon2id (the library's default type; stated here so it never changes silently) with its recommended cost. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // not an argon2 hash (a corrupt row): no match
  }
}

let dummy: Promise<string> | undefined;
/**
 * Verifies against a throw-away hash: sign-in with an unknown e-mail costs the same argon2 work as a
 * wrong password, so the answer's timing does not tell which e-mails have accounts.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword(newToken());
  await verifyPassword(await dummy, password);
  return false;
}

/** A generated password for a first admin or a new user (printed once; ~26 base64url characters). */
export function generatePassword(): string {
  return randomBytes(20).toString('base64url');
}

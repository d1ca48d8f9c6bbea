/** The staff session cookie (HttpOnly: scripts cannot read it). */
export const SESSION_COOKIE = 'matrix_session';
/** The CSRF cookie (readable by the web's scripts, which echo it in `x-csrf-token` on writes). */
export const CSRF_COOKIE = 'matrix_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The cookies of a `Cookie` header (first value wins, values URI-decoded when they can be). */
export function parseCookies(header: string | string[] | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name || name in cookies) continue;
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  /** Seconds; 0 deletes the cookie; undefined = a browser-session cookie (the server enforces the expiry). */
  maxAge?: number;
}

/** One `Set-Cookie` value: Path=/, SameSite=Lax, plus HttpOnly/Secure/Max-Age as asked. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) {
    parts.push(`Max-Age=${options.maxAge}`);
    if (options.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  return parts.join('; ');
}

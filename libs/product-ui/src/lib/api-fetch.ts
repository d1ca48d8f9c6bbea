import { ApiError, type ApiErrorBody } from './api-error';

export type QueryValue = string | number | boolean | null | undefined;

/**
 * `path?key=value…`, leaving out empty values so that an unset filter is absent rather than
 * `label=` (which an API may reject as invalid).
 */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  if (!search) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

export interface ApiRequest extends Omit<RequestInit, 'body'> {
  /** Sent as JSON (sets Content-Type). */
  json?: unknown;
  /** Sent as is (a CSV text, a File, FormData…). */
  body?: BodyInit | null;
  query?: Record<string, QueryValue>;
  /** The fetch to use (tests, server-side callers); default globalThis.fetch. */
  fetchImpl?: typeof fetch;
  /**
   * On 401 (signed out, session expired) send the person to /sign-in?next=<this page> (default true in a browser).
   * Never done for /api/auth/* calls, nor on the pages registered as public (setPublicPages: the chat visitor's page).
   */
  signInOnUnauthenticated?: boolean;
}

/** The cookie the API sets beside the session, readable by the page: echoed as x-csrf-token on writes. */
export const CSRF_COOKIE = 'matrix_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The session cookie (HttpOnly: the page never reads it; the web's proxy.ts checks it is there). */
export const SESSION_COOKIE = 'matrix_session';
export const SIGN_IN_PATH = '/sign-in';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A cookie's value from a `document.cookie`-style string (undefined when absent). */
export function readCookie(name: string, cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** `{ 'x-csrf-token': <matrix_csrf cookie> }` for a write sent without apiFetch (an XMLHttpRequest upload with progress); {} when signed out. */
export function csrfHeaders(cookies?: string): Record<string, string> {
  const token = readCookie(CSRF_COOKIE, cookies);
  return token ? { [CSRF_HEADER]: token } : {};
}

/**
 * Where sign-in sends the person back to: only a path of this site ("/history?page=2"), never another
 * origin ("//evil.example", "https://…", "/\\evil") nor the sign-in page itself; "/" otherwise.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters and backslashes make browsers read another URL
  if (/[\u0000-\u001f\\]/.test(next)) return '/';
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`) || next.startsWith(`${SIGN_IN_PATH}/`)) return '/';
  return next;
}

/** /sign-in?next=<path>: the page a signed-out person is sent to. */
export function signInUrl(next: string | null | undefined): string {
  const safe = safeNextPath(next);
  return safe === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(safe)}`;
}

let publicPages: readonly string[] = [];

/** The pages anyone may open (the product shell registers its identity's publicPages): a 401 there is no reason to sign in. */
export function setPublicPages(paths: readonly string[]): void {
  publicPages = paths;
}

/** Whether a page path is open without sign-in: /sign-in itself and the registered public pages (exact, or below them when they end in "/*"). */
export function isPublicPage(pathname: string, paths: readonly string[] = publicPages): boolean {
  if (pathname === SIGN_IN_PATH || pathname.startsWith(`${SIGN_IN_PATH}/`)) return true;
  return paths.some((path) => (path.endsWith('/*') ? pathname === path.slice(0, -2) || pathname.startsWith(path.slice(0, -1)) : pathname === path));
}

function redirectToSignIn(path: string): void {
  if (typeof window === 'undefined' || path.startsWith('/api/auth/')) return;
  const { pathname, search } = window.location;
  if (isPublicPage(pathname)) return;
  window.location.assign(signInUrl(pathname + search));
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string';
}

/** Turns a non-2xx response into an ApiError carrying the API's `{error, code, details}`. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const wait = Number(response.headers.get('retry-after'));
  const retryAfter = Number.isFinite(wait) && wait > 0 ? wait : undefined;
  if (isErrorBody(parsed)) return new ApiError(parsed.error, response.status, parsed.code, parsed.details, retryAfter);
  // A proxy or a crashed server answers without our error shape: say what happened plainly.
  const fallback = (text && text.length < 200 ? text : '') || response.statusText || 'Request failed';
  return new ApiError(`${fallback} (HTTP ${response.status})`, response.status, undefined, undefined, retryAfter);
}

/**
 * fetch for the product APIs: JSON in and out, and every failure — HTTP error, unreachable API,
 * malformed JSON — thrown as an ApiError with a message fit to show the person.
 */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const { json, query, fetchImpl = globalThis.fetch, headers, body, signInOnUnauthenticated = true, ...init } = request;
  const finalHeaders = new Headers(headers);
  if (!finalHeaders.has('Accept')) finalHeaders.set('Accept', 'application/json');
  // A cookie-authenticated write proves it comes from our page: the API compares this header with the cookie.
  if (!SAFE_METHODS.has((init.method ?? 'GET').toUpperCase()) && !finalHeaders.has(CSRF_HEADER)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) finalHeaders.set(CSRF_HEADER, csrf);
  }
  let finalBody: BodyInit | null | undefined = body;
  if (json !== undefined) {
    finalHeaders.set('Content-Type', 'application/json');
    finalBody = JSON.stringify(json);
  }
  let response: Response;
  try {
    response = await fetchImpl(withQuery(path, query), { ...init, headers: finalHeaders, body: finalBody });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('Could not reach the API. Is it running?', 0, 'network_error');
  }
  if (!response.ok) {
    const error = await apiErrorFrom(response);
    if (response.status === 401 && signInOnUnauthenticated) redirectToSignIn(path);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(`The API answered with something other than JSON (HTTP ${response.status}).`, response.status, 'invalid_json');
  }
}

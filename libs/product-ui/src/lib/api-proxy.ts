/**
 * The /api proxy every product web runs (its proxy.ts): the browser talks to one origin, and the web forwards /api/*
 * to its product API. Forwarding here rather than with NextResponse.rewrite lets the web answer JSON errors a page
 * can act on while the API restarts: 502 `api_unreachable` (with Retry-After) when nothing answers, 504
 * `api_timeout` when it does not answer in time, and the API's own status — 503, 504… — wrapped in the
 * `{ error, code }` shape when it answered with something other than JSON. Never Next.js's bare text 500.
 * Bodies stream both ways (uploads, and server-sent events of /api/jobs/:id/events).
 */

export interface ApiProxyOptions {
  /** The API's base URL (e.g. http://127.0.0.1:8110). */
  apiUrl: string;
  /** How long to wait for the API's response headers (ms; default 120 s). A streamed body is not cut. */
  timeoutMs?: number;
  /** Seconds a client is told to wait after 502/504 (default 2). */
  retryAfterSeconds?: number;
  fetchImpl?: typeof fetch;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones fetch sets itself. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
  'accept-encoding',
]);
/** fetch has decoded the body already: the length and encoding of the wire no longer hold. */
const NOT_RETURNED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length']);

export function jsonError(status: number, code: string, error: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error, code }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function upstreamHeaders(request: Request, target: URL): Headers {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!NOT_FORWARDED.has(name.toLowerCase())) headers.set(name, value);
  });
  const incoming = new URL(request.url);
  headers.set('x-forwarded-host', request.headers.get('host') ?? incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
  headers.set('host', target.host);
  return headers;
}

/** Forwards one request to the API and answers what it answered, or a JSON error saying why it could not. */
export async function forwardToApi(request: Request, options: ApiProxyOptions): Promise<Response> {
  const incoming = new URL(request.url);
  const target = new URL(incoming.pathname + incoming.search, options.apiUrl);
  const retryAfter = String(options.retryAfterSeconds ?? 2);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const upstream = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    upstream.abort();
  }, timeoutMs);
  // The browser went away (closed tab, a followed job that finished): stop the upstream request too.
  request.signal?.addEventListener('abort', () => upstream.abort(), { once: true });
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(target, {
      method: request.method,
      headers: upstreamHeaders(request, target),
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      signal: upstream.signal,
    });
  } catch {
    if (timedOut) return jsonError(504, 'api_timeout', `The API did not answer within ${Math.round(timeoutMs / 1000)} s.`, { 'retry-after': retryAfter });
    return jsonError(502, 'api_unreachable', 'The API cannot be reached right now (it may be restarting). Try again in a moment.', {
      'retry-after': retryAfter,
    });
  } finally {
    clearTimeout(timer);
  }
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    if (!NOT_RETURNED.has(name.toLowerCase())) headers.append(name, value);
  });
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  if (response.status >= 500 && !isJson) {
    // A load balancer's or a crashing server's page: keep the status, say it in the shape the web reads.
    const text = (await response.text().catch(() => '')).trim();
    const said = text && text.length <= 200 && !text.startsWith('<') ? text : response.statusText || 'the API failed';
    const extra: Record<string, string> = {};
    const wait = response.headers.get('retry-after');
    if (wait) extra['retry-after'] = wait;
    return jsonError(response.status, 'upstream_error', `The API answered ${response.status}: ${said}`, extra);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A web's proxy.ts in one line: `export const proxy = productApiProxy('SENTIMENT_API_URL', 'http://127.0.0.1:8110');`
 * (with `export const config = { matcher: '/api/:path*' }`). The API URL is read at request time, so one build
 * serves any API (ops and the e2e set it at start).
 */
export function productApiProxy(
  apiUrlVariable: string,
  defaultUrl: string,
  options: Omit<ApiProxyOptions, 'apiUrl'> = {},
): (request: Request) => Promise<Response> {
  return (request) => forwardToApi(request, { ...options, apiUrl: process.env[apiUrlVariable] || defaultUrl });
}

/** The session cookie the API sets at sign-in (HttpOnly; the proxy only checks that the browser sent one). */
const SESSION_COOKIE_NAME = 'matrix_session';
const SIGN_IN = '/sign-in';
/** Files served as they are (Next's build output, icons, images): never a page that needs sign-in. */
const ASSET = /^\/(_next\/|favicon\.ico$|robots\.txt$)|\.(?:css|js|mjs|map|ico|png|jpe?g|gif|svg|webp|avif|woff2?|ttf|txt|json|webmanifest)$/i;

export interface WebProxyOptions extends Omit<ApiProxyOptions, 'apiUrl'> {
  /**
   * Pages anyone may open without signing in, besides /sign-in and /health: exact paths ('/'), or a
   * folder and everything below it ('/visit/*'). The chatbot's visitor chat is one; staff pages are not.
   */
  publicPages?: string[];
}

/** Whether a request's Cookie header carries a cookie of that name (any value: the API judges it). */
export function hasCookie(cookieHeader: string | null, name: string): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(';').some((part) => {
    const index = part.indexOf('=');
    return index > 0 && part.slice(0, index).trim() === name && part.slice(index + 1).trim() !== '';
  });
}

function isOpenPage(pathname: string, publicPages: readonly string[]): boolean {
  if (pathname === SIGN_IN || pathname.startsWith(`${SIGN_IN}/`) || pathname === '/health' || ASSET.test(pathname)) return true;
  return publicPages.some((page) => (page.endsWith('/*') ? pathname === page.slice(0, -2) || pathname.startsWith(page.slice(0, -1)) : pathname === page));
}

/**
 * What a product web's proxy.ts does for a page request (anything but /api/*): a person without a
 * session cookie is sent to /sign-in?next=<the page> rather than shown an empty page that fails to
 * load; open pages (sign-in, health, static files, `publicPages`) pass. Answers undefined to let Next
 * render the page. The session's validity is the API's call: an expired one answers 401, and apiFetch
 * then sends the person to sign-in.
 */
export function signInRedirect(request: Request, publicPages: readonly string[] = []): Response | undefined {
  const url = new URL(request.url);
  if (isOpenPage(url.pathname, publicPages)) return undefined;
  if (hasCookie(request.headers.get('cookie'), SESSION_COOKIE_NAME)) return undefined;
  const target = new URL(SIGN_IN, url);
  const next = url.pathname + url.search;
  if (next !== '/') target.searchParams.set('next', next);
  return new Response(null, { status: 307, headers: { location: target.toString(), 'cache-control': 'no-store' } });
}

/**
 * A web's whole proxy.ts: /api/* forwarded to the product API (cookies and the x-csrf-token header both ways),
 * every other page behind sign-in except `publicPages`:
 *   export const proxy = productWebProxy('SENTIMENT_API_URL', 'http://127.0.0.1:8110');
 *   export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
 */
export function productWebProxy(
  apiUrlVariable: string,
  defaultUrl: string,
  options: WebProxyOptions = {},
): (request: Request) => Promise<Response | undefined> {
  const { publicPages = [], ...proxyOptions } = options;
  const api = productApiProxy(apiUrlVariable, defaultUrl, proxyOptions);
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api' || pathname.startsWith('/api/')) return api(request);
    return signInRedirect(request, publicPages);
  };
}

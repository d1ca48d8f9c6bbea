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

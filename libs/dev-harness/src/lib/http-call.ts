// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary response JSON
export type Json = any;

export interface HttpReply {
  status: number;
  /** The parsed JSON body; undefined when the body is empty or not JSON (read `text` or `bytes`). */
  body: Json;
  text: string;
  bytes: Buffer;
  headers: Headers;
}

/**
 * Headers of a test request: the caller's own, plus `Authorization: Bearer $MATRIX_ADMIN_TOKEN` (the bootstrap
 * token, admin in every product) when that env is set and the caller sent no Authorization of its own. Pass
 * `authorization: ''` to send none (a signed-out caller).
 */
export function withTestCredentials(headers: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  let authorization: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'authorization') authorization = value;
    else out[name] = value;
  }
  if (authorization === undefined && process.env.MATRIX_ADMIN_TOKEN) authorization = `Bearer ${process.env.MATRIX_ADMIN_TOKEN}`;
  if (authorization) out.authorization = authorization;
  return out;
}

/**
 * One HTTP request as e2e tests make it: `body` goes as JSON unless it is a string or bytes (sent as is
 * with `contentType`, e.g. CSV, text/plain or a Latin-1 file); the reply is read once and given parsed, as text and as bytes.
 * Sent as admin (the bootstrap token, see withTestCredentials) unless `headers` carries its own Authorization.
 */
export async function call(method: string, url: string, body?: unknown, contentType = 'application/json', headers: Record<string, string> = {}): Promise<HttpReply> {
  const response = await fetch(url, {
    method,
    headers: withTestCredentials({ ...(body === undefined ? {} : { 'content-type': contentType }), ...headers }),
    body: body === undefined ? undefined : typeof body === 'string' ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, bytes, headers: response.headers };
}

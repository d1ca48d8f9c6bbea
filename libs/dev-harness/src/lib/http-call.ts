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
 * One HTTP request as e2e tests make it: `body` goes as JSON unless it is a string or bytes (sent as is
 * with `contentType`, e.g. CSV, text/plain or a Latin-1 file); the reply is read once and given parsed, as text and as bytes.
 */
export async function call(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<HttpReply> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
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

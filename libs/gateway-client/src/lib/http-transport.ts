import * as http from 'node:http';
import * as https from 'node:https';

/** What GatewayClient reads of an answer: a fetch() Response has all of it, so tests may still pass `fetch`. */
export interface GatewayResponse {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface GatewayRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal: AbortSignal;
}

export type GatewayTransport = (url: string, init: GatewayRequestInit) => Promise<GatewayResponse>;

/**
 * The gateway calls over node:http with kept-alive connections. A product API makes one or more gateway calls per
 * request, and global fetch (undici, WHATWG streams) costs several times the CPU of node:http for these small JSON
 * calls: on the 2-core machines that was a visible share of each POST /api/analyze. Aborting `signal` destroys the
 * request (the gateway sees the connection close and drops the queued work).
 */
export function keepAliveTransport(options: { maxSockets?: number } = {}): GatewayTransport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 }),
  };
  return (url, init) =>
    new Promise<GatewayResponse>((resolve, reject) => {
      if (init.signal.aborted) return reject(abortError(init.signal));
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
      const headers: Record<string, string> = { ...init.headers };
      if (body) headers['content-length'] = String(body.byteLength);
      const request = (secure ? https : http).request(target, { method: init.method, headers, agent: agents[secure ? 'https:' : 'http:'] }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          init.signal.removeEventListener('abort', onAbort);
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            ok: status >= 200 && status < 300,
            status,
            headers: { get: (name) => headerValue(response.headers[name.toLowerCase()]) },
            text: async () => text,
          });
        });
      });
      const onAbort = () => request.destroy(abortError(init.signal));
      init.signal.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        init.signal.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.end(body);
    });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the request was aborted');
}

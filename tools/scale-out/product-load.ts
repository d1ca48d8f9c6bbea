import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { withAdminToken, type Refusal } from '@matrix/dev-harness';
import type { ScaleOutProduct } from './scale-out-options';

/** No answer within this long is a failed request (a person would have given up). */
const ANSWER_TIMEOUT_MS = 60_000;

/** What one product's clients saw, and the writes the product accepted (2xx with an id), by table. */
export interface ProductTally {
  product: ScaleOutProduct;
  latencies: number[];
  /** Failed requests (5xx, other non-2xx but 429, no answer), by reason. */
  failures: Record<string, number>;
  firstFailure?: string;
  /** Ids the product answered 2xx with, per stored table (e.g. conversations, messages). */
  accepted: Record<string, string[]>;
}

export function newTally(product: ScaleOutProduct): ProductTally {
  return { product, latencies: [], failures: {}, accepted: {} };
}

/** One request of the product's main route, through its balancer; `i` picks the input. */
export type ProductRequest = (i: number) => Promise<void | Refusal>;

class FailedRequest extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

async function send(url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown>; retryAfterS: number }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new FailedRequest('no answer', `${init.method ?? 'GET'} ${url}: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`);
  }
  const text = await response.text().catch(() => '');
  if (response.status === 429) return { status: 429, body: {}, retryAfterS: Number(response.headers.get('retry-after') ?? 1) || 1 };
  if (response.status < 200 || response.status >= 300) {
    throw new FailedRequest(`HTTP ${response.status}`, `${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  let body: Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // a 2xx without JSON: nothing to count
  }
  return { status: response.status, body, retryAfterS: 0 };
}

function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: withAdminToken({ 'content-type': 'application/json', ...headers }), body: JSON.stringify(body) };
}

function keep(tally: ProductTally, table: string, id: unknown): void {
  if (typeof id !== 'string' && typeof id !== 'number') throw new FailedRequest('2xx without id', `a 2xx answer without the ${table} id`);
  (tally.accepted[table] ??= []).push(String(id));
}

const refusal = (seconds: number): Refusal => ({ refused: true, pauseMs: seconds * 1000 });

/** Wraps a product's request: times it and tallies its failure by reason (runLoad counts it as an error). */
export function measured(tally: ProductTally, request: ProductRequest): ProductRequest {
  return async (i) => {
    const started = performance.now();
    try {
      const outcome = await request(i);
      if (!outcome?.refused) tally.latencies.push(performance.now() - started);
      return outcome;
    } catch (error) {
      const reason = error instanceof FailedRequest ? error.reason : 'client error';
      tally.failures[reason] = (tally.failures[reason] ?? 0) + 1;
      tally.firstFailure ??= (error as Error).message;
      throw error;
    }
  };
}

/** Sentiment: POST /api/analyze with a real sentence; the stored analysis' id is kept. */
export function sentimentRequest(baseUrl: string, sentences: readonly string[], tally: ProductTally): ProductRequest {
  return async (i) => {
    const reply = await send(`${baseUrl}/api/analyze`, json({ text: sentences[i % sentences.length], source: 'scale-out' }));
    if (reply.status === 429) return refusal(reply.retryAfterS);
    keep(tally, 'analyses', reply.body.id);
    return undefined;
  };
}

/** Chatbot: a visitor starts a conversation, then writes a message with its conversation token. */
export function chatbotRequest(baseUrl: string, questions: readonly string[], tally: ProductTally): ProductRequest {
  return async (i) => {
    const started = await send(`${baseUrl}/api/conversations`, json({ customerName: `scale-out ${i}` }, { authorization: '' }));
    if (started.status === 429) return refusal(started.retryAfterS);
    keep(tally, 'conversations', started.body.id);
    const id = String(started.body.id);
    const token = String(started.body.token);
    const posted = await send(
      `${baseUrl}/api/conversations/${encodeURIComponent(id)}/messages`,
      json({ text: questions[i % questions.length] }, { authorization: '', 'x-conversation-token': token }),
    );
    if (posted.status === 429) return refusal(posted.retryAfterS);
    keep(tally, 'messages', (posted.body.message as { id?: string } | undefined)?.id);
    return undefined;
  };
}

/** Recommender: a user's recommendations (a read; nothing to count afterwards). */
export function recommenderRequest(baseUrl: string, userIds: readonly string[]): ProductRequest {
  return async (i) => {
    const reply = await send(`${baseUrl}/api/users/${encodeURIComponent(userIds[i % userIds.length])}/recommendations?limit=10`, {
      headers: withAdminToken(),
    });
    return reply.status === 429 ? refusal(reply.retryAfterS) : undefined;
  };
}

/**
 * Image tagger: uploads a small real photo, made a new image each time (a unique trailer after the JPEG's end, which
 * decoders ignore, so its SHA-256 differs and the upload is stored, not a duplicate); the created image's id is kept.
 */
export function imageTaggerRequest(baseUrl: string, imagePaths: readonly string[], tally: ProductTally, runId: string): ProductRequest {
  const photos = imagePaths.map((path) => ({ name: basename(path), bytes: readFileSync(path) }));
  return async (i) => {
    const photo = photos[i % photos.length];
    const bytes = Buffer.concat([photo.bytes, Buffer.from(`scale-out ${runId} ${i}`)]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), photo.name);
    const reply = await send(`${baseUrl}/api/images`, { method: 'POST', headers: withAdminToken(), body: form });
    if (reply.status === 429) return refusal(reply.retryAfterS);
    const files = (reply.body.files ?? []) as Array<{ status: string; image?: { id?: string }; error?: unknown }>;
    const created = files.find((file) => file.status === 'created');
    if (!created)
      throw new FailedRequest('not stored', `the upload answered ${reply.status} without a created image: ${JSON.stringify(reply.body).slice(0, 300)}`);
    keep(tally, 'images', created.image?.id);
    return undefined;
  };
}

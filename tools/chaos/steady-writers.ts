import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { withAdminToken } from '@matrix/dev-harness';

/** One product's writes during a fault elsewhere: how each answered. */
export interface WriterTally {
  product: string;
  sent: number;
  ok: number;
  /** Answers with a 5xx status, by status. */
  serverErrors: Record<number, number>;
  /** 4xx answers (by status): not the fault's doing, but shown. */
  clientErrors: Record<number, number>;
  /** No answer at all (connection refused or reset, or no answer within the timeout). */
  noAnswer: number;
  /** Ticks skipped because `maxInFlight` writes were still waiting (the product fell behind). */
  skipped: number;
  slowestMs: number;
  firstFailure?: string;
}

export interface SteadyWriter {
  product: string;
  /** Writes per second. */
  perSecond: number;
  /** One write; `i` counts this writer's writes. */
  write(i: number): Promise<Response>;
}

/** No answer within this long counts as no answer (a person would have given up). */
const ANSWER_TIMEOUT_MS = 60_000;
const MAX_IN_FLIGHT = 8;

export function count5xx(tally: WriterTally): number {
  return Object.values(tally.serverErrors).reduce((a, b) => a + b, 0);
}

/**
 * Writes at a steady rate (open loop: a tick sends whether or not the last write has answered, as
 * independent users do) until `stop` resolves, then waits for the writes in flight.
 */
export async function writeSteadily(writer: SteadyWriter, stop: Promise<unknown>): Promise<WriterTally> {
  const tally: WriterTally = { product: writer.product, sent: 0, ok: 0, serverErrors: {}, clientErrors: {}, noAnswer: 0, skipped: 0, slowestMs: 0 };
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  void stop.finally(() => (stopped = true));
  const one = async (i: number) => {
    const started = performance.now();
    try {
      const response = await Promise.race([
        writer.write(i),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s`)), ANSWER_TIMEOUT_MS)),
      ]);
      const body = await response.text();
      if (response.status >= 500) {
        tally.serverErrors[response.status] = (tally.serverErrors[response.status] ?? 0) + 1;
        tally.firstFailure ??= `HTTP ${response.status} after ${Math.round(performance.now() - started)} ms: ${body.slice(0, 200)}`;
      } else if (response.status >= 400) {
        tally.clientErrors[response.status] = (tally.clientErrors[response.status] ?? 0) + 1;
        tally.firstFailure ??= `HTTP ${response.status}: ${body.slice(0, 200)}`;
      } else tally.ok++;
    } catch (error) {
      tally.noAnswer++;
      tally.firstFailure ??= (error as Error).message;
    }
    tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
  };
  const intervalMs = 1000 / writer.perSecond;
  for (let i = 0; !stopped; i++) {
    if (inFlight.size >= MAX_IN_FLIGHT) tally.skipped++;
    else {
      tally.sent++;
      const p = one(i).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await Promise.all(inFlight);
  return tally;
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: withAdminToken({ 'content-type': 'application/json', ...headers }), body: JSON.stringify(body) });
}

/** Sentiment: POST /api/analyze with a real sentence (stored). */
export function sentimentWriter(apiUrl: string, sentences: readonly string[], perSecond: number): SteadyWriter {
  return { product: 'sentiment', perSecond, write: (i) => postJson(`${apiUrl}/api/analyze`, { text: sentences[i % sentences.length], source: 'chaos' }) };
}

/** Chatbot: a new conversation, then a customer message in it (two writes, both counted by their worst answer). */
export function chatbotWriter(apiUrl: string, questions: readonly string[], perSecond: number): SteadyWriter {
  return {
    product: 'support-chatbot',
    perSecond,
    write: async (i) => {
      const created = await postJson(`${apiUrl}/api/conversations`, { customerName: `chaos ${i}` });
      if (!created.ok) return created;
      // The visitor's conversation token (issue 14) scopes the message to this conversation.
      const { id, token } = (await created.json()) as { id: string; token: string };
      return postJson(
        `${apiUrl}/api/conversations/${encodeURIComponent(id)}/messages`,
        { text: questions[i % questions.length] },
        { 'x-conversation-token': token },
      );
    },
  };
}

/** Image tagger: uploads one real photo (a different file each time, so each is a new image, tagged and stored). */
export function imageTaggerWriter(apiUrl: string, imagePaths: readonly string[], perSecond: number): SteadyWriter {
  return {
    product: 'image-tagger',
    perSecond,
    write: (i) => {
      const path = imagePaths[i % imagePaths.length];
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(readFileSync(path))], { type: 'image/jpeg' }), basename(path));
      return fetch(`${apiUrl}/api/images`, { method: 'POST', headers: withAdminToken(), body: form });
    },
  };
}

import type { Analysis, BatchResponse } from '@matrix/sentiment-contract';
import { withAdminToken } from '@matrix/dev-harness';

/** The stored analysis the API answers (libs/sentiment-contract). */
export type AnalysisResult = Analysis;

export class SentimentApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Largest batch POST /api/analyze/batch accepts (413 beyond it). */
export const MAX_BATCH = 100;

/** Refusals worth waiting out (the gateway's admission control: 429/503 with Retry-After). */
const RETRIED = new Set([429, 503]);
const MAX_TRIES = 8;

/** POST with JSON; a 429/503 is retried after its Retry-After (default 2 s), up to MAX_TRIES times, as a polite client does. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await postOnce<T>(url, body);
    } catch (error) {
      if (!(error instanceof SentimentApiError) || !RETRIED.has(error.status) || attempt >= MAX_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, (error.retryAfterSeconds ?? 2) * 1000));
    }
  }
}

async function postOnce<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: withAdminToken({ 'content-type': 'application/json' }),
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(300_000),
  });
  const text = await response.text();
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new SentimentApiError(
      `POST ${url} answered ${response.status}: ${text.slice(0, 300)}`,
      response.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return JSON.parse(text) as T;
}

/** The metrics read positiveProbability: a missing or out-of-range one would skew them silently. */
function checkProbability(result: Analysis, where: string): Analysis {
  if (typeof result?.positiveProbability !== 'number' || !(result.positiveProbability >= 0 && result.positiveProbability <= 1)) {
    throw new Error(`${where}: positiveProbability must be a number in [0, 1], got ${JSON.stringify(result?.positiveProbability)}`);
  }
  return result;
}

/** POST /api/analyze {text} → the stored Analysis. */
export async function analyzeOne(baseUrl: string, text: string, source = 'evaluation'): Promise<AnalysisResult> {
  return checkProbability(await postJson<Analysis>(`${baseUrl}/api/analyze`, { text, source }), 'POST /api/analyze');
}

/**
 * Every text through POST /api/analyze/batch in chunks of ≤ 100, `concurrency` chunks in flight;
 * results come back in input order.
 */
export async function analyzeAll(
  baseUrl: string,
  texts: readonly string[],
  options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<AnalysisResult[]> {
  const results = new Array<AnalysisResult>(texts.length);
  const starts: number[] = [];
  for (let start = 0; start < texts.length; start += MAX_BATCH) starts.push(start);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < starts.length) {
      const start = starts[next++];
      const chunk = texts.slice(start, start + MAX_BATCH);
      const answer = await postJson<BatchResponse>(`${baseUrl}/api/analyze/batch`, { texts: chunk });
      if (!Array.isArray(answer?.results) || answer.results.length !== chunk.length) {
        throw new Error(
          `POST /api/analyze/batch: expected ${chunk.length} results, got ${Array.isArray(answer?.results) ? answer.results.length : typeof answer?.results}`,
        );
      }
      answer.results.forEach((r, i) => (results[start + i] = checkProbability(r, 'POST /api/analyze/batch')));
      done += chunk.length;
      options.onProgress?.(done, texts.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 2, starts.length) }, worker));
  return results;
}

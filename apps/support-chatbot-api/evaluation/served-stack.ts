import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, Page } from '@matrix/chatbot-contract';
import { migrateDatabase } from '@matrix/db';
import { manifestWithModels, startAppProcess, startGatewayProcess, withAdminToken, type ManagedProcess } from '@matrix/dev-harness';
import { loadDemoKnowledgeBase } from '../src/knowledge/demo-knowledge-base';

/** What POST /api/understand says about one question (the fields evaluation reads). */
export interface UnderstandResult {
  kind: string;
  reason?: string;
  intent: string | null;
  top: Array<{ intent: string; score: number }>;
  bestSimilarity: number;
  citation?: { articleId: string };
}

export interface ServedModel {
  version: string;
  members: Array<{ model: string; weight: number }>;
  rule: { threshold: number; gap: number };
}

export interface ServedStack {
  apiUrl: string;
  model: ServedModel;
  /** Article id → the intent it answers. */
  articleIntent: Map<string, string | null>;
  stop(): Promise<void>;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: withAdminToken({ 'content-type': 'application/json' }), body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} → ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function get<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: withAdminToken() });
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The gateway (USE embeddings only) and the chatbot API (temp SQLite, the demo knowledge base
 * seeded and embedded, the shipped intent heads registered), started as a deployment would run
 * them; `stop()` ends both and removes their files. `env` adds API settings (e.g. CHATBOT_MIN_SIMILARITY).
 */
export async function startServedStack(log: (line: string) => void, env: Record<string, string> = {}): Promise<ServedStack> {
  const started: ManagedProcess[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'chatbot-served-'));
  const stop = async () => {
    for (const p of started.splice(0).reverse()) await p.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const gateway = await startGatewayProcess({ MODEL_MANIFEST: manifestWithModels(['use-lite-en']), GATEWAY_MODEL_STORE: join(scratch, 'model-store') });
    started.push(gateway);
    log(`gateway ready at ${gateway.url}`);
    const databaseUrl = `file:${join(scratch, 'served.db')}`;
    await migrateDatabase(databaseUrl);
    const api = await startAppProcess('support-chatbot-api', {
      readyPath: '/health/live',
      env: { SUPPORT_CHATBOT_DATABASE_URL: databaseUrl, GATEWAY_URL: gateway.url, CHATBOT_SEED_KB: 'true', ...env },
      readyTimeoutMs: 120_000,
    });
    started.push(api);
    const kbSize = loadDemoKnowledgeBase().length;
    const deadline = Date.now() + 180_000;
    for (;;) {
      const ready = await fetch(`${api.url}/health/ready`);
      const articles = await get<Page<Article>>(`${api.url}/api/articles?pageSize=1&indexStatus=embedded`);
      if (ready.ok && articles.total === kbSize) break;
      if (Date.now() > deadline) throw new Error(`the API did not get ready: ${await ready.text()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const model = await get<ServedModel>(`${api.url}/api/understand/model`);
    log(
      `API ready at ${api.url}: intent classifier ${model.version} (${model.members.map((m) => `${m.model} × ${m.weight.toFixed(2)}`).join(' + ')}), threshold ${model.rule.threshold}, gap ${model.rule.gap}; ${kbSize} demo articles embedded`,
    );
    const articleIntent = new Map<string, string | null>();
    for (let page = 1; ; page++) {
      const { items, totalPages } = await get<Page<Article>>(`${api.url}/api/articles?pageSize=100&page=${page}`);
      items.forEach((a) => articleIntent.set(a.id, a.intent));
      if (page >= totalPages) break;
    }
    return { apiUrl: api.url, model, articleIntent, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every text through POST /api/understand in batches, a few calls in flight; results in input order. */
export async function understandAll(
  apiUrl: string,
  texts: string[],
  options: { batch: number; concurrency: number; log: (line: string) => void },
): Promise<{ results: UnderstandResult[]; seconds: number }> {
  const results: UnderstandResult[] = new Array(texts.length);
  const starts: number[] = [];
  for (let s = 0; s < texts.length; s += options.batch) starts.push(s);
  let next = 0;
  let done = 0;
  const begun = performance.now();
  const worker = async () => {
    while (next < starts.length) {
      const start = starts[next++];
      const slice = texts.slice(start, start + options.batch);
      const answer = await post<{ results: UnderstandResult[] }>(`${apiUrl}/api/understand`, { texts: slice.map((t) => t.trim().slice(0, 1000)) });
      answer.results.forEach((r, i) => (results[start + i] = r));
      done += slice.length;
      if (done % (options.batch * 20) < options.batch) options.log(`${done}/${texts.length}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { results, seconds: (performance.now() - begun) / 1000 };
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { workspaceRoot } from '@matrix/paths';
import { createProductApp } from '@matrix/product-server';
import { parse, stringify } from 'yaml';
import { SENTIMENT_APP_OPTIONS } from '../../src/app-options';
import { SentimentModule, type SentimentModuleOptions } from '../../src/sentiment.module';

/**
 * A model manifest with only the USE embedding model of the offline manifest (the heads run on it):
 * the gateway then starts in seconds instead of loading image models the sentiment API never uses.
 */
export function embeddingOnlyManifest(): string {
  const offline = join(workspaceRoot(), 'libs', 'model-loading', 'manifests', 'offline.yaml');
  const manifest = parse(readFileSync(offline, 'utf8')) as { models: Array<{ id: string }> };
  manifest.models = manifest.models.filter((model) => model.id === 'use-lite-en');
  if (manifest.models.length !== 1) throw new Error(`${offline} no longer lists use-lite-en`);
  const path = join(mkdtempSync(join(tmpdir(), 'sentiment-e2e-')), 'manifest.yaml');
  writeFileSync(path, stringify(manifest));
  return path;
}

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** The sentiment API in this process on a random port (as main.ts builds it, with the test's env). */
export async function startApi(env: Record<string, string>, options: SentimentModuleOptions = {}): Promise<RunningApi> {
  const app = await createProductApp(SentimentModule.forRoot(options), { ...SENTIMENT_APP_OPTIONS, env: { LOG_LEVEL: 'warn', ...env } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary response JSON
export type Json = any;

export async function call(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: Json; text: string; headers: Headers }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createProductApp } from '@matrix/product-server';
import { SENTIMENT_APP_OPTIONS } from '../../src/app-options';
import { SentimentModule, type SentimentModuleOptions } from '../../src/sentiment.module';

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

import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createProductApp } from '@matrix/product-server';
import { datasetsDir, modelsDir } from '@matrix/paths';
import { imageTaggerAppOptions } from '../../src/app-options';
import { ImageTaggerModule } from '../../src/image-tagger.module';

/** Real photos from ../shared (the test fails with ENOENT and the path when they are absent). */
export const PHOTOS = {
  tigerCat: join(datasetsDir(), 'imagenet-sample', 'images', 'n02123159_tiger_cat.JPEG'),
  finch: join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg'),
  labrador: join(datasetsDir(), 'imagenet-sample', 'images', 'n02099712_Labrador_retriever.JPEG'),
  /** A COCO photo with people (COCO id 139: a living room). */
  coco: join(datasetsDir(), 'coco-val2017-mini', 'val2017', '000000000139.jpg'),
};

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** The image tagger API in this process on a random port (as main.ts builds it, with the test's env). */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const fullEnv = { LOG_LEVEL: 'warn', ...env };
  const app = await createProductApp(ImageTaggerModule.forRoot(), { ...imageTaggerAppOptions(fullEnv), env: fullEnv });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary response JSON
export type Json = any;

export async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const bytes = Buffer.from(await response.arrayBuffer());
  let parsed: Json;
  try {
    parsed = bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, headers: response.headers, bytes };
}

/** A multipart upload as a browser sends it: `files` are paths or [name, bytes] pairs. */
export async function upload(apiUrl: string, files: Array<string | [string, Buffer]>, query: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const form = new FormData();
  for (const file of files) {
    const [name, bytes] = typeof file === 'string' ? [basename(file), readFileSync(file)] : file;
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name);
  }
  const response = await fetch(`${apiUrl}/api/images?${new URLSearchParams(query)}`, { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

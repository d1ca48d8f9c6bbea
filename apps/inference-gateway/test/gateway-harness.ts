import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bundledManifestsDir } from '@matrix/model-loading';
import { modelsDir } from '@matrix/paths';
import { parse, stringify } from 'yaml';
import { loadGatewayConfig, GatewayConfig } from '../src/config/gateway-config';
import { createGateway, whenModelsLoaded } from '../src/create-gateway';

export const OFFLINE_MANIFEST = join(bundledManifestsDir(), 'offline.yaml');

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  config: GatewayConfig;
  close(): Promise<void>;
}

/**
 * Starts a real gateway on 127.0.0.1 (random port) with the given env overrides and waits for its models.
 * Its model store (and so its model registry) is a fresh folder unless GATEWAY_MODEL_STORE is given: tests never see another run's registrations.
 */
export async function startGateway(env: Record<string, string> = {}): Promise<RunningGateway> {
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    LOG_LEVEL: 'warn',
    MODEL_MANIFEST: OFFLINE_MANIFEST,
    GATEWAY_MODEL_STORE: env.GATEWAY_MODEL_STORE ?? mkdtempSync(join(tmpdir(), 'gateway-store-')),
    ...env,
  });
  const app = await createGateway(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  await whenModelsLoaded(app);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, config, close: () => app.close() };
}

/**
 * A MODELS_DIR for tests: the real shared models linked in, plus a `broken-model` folder whose
 * .onnx file is garbage, and a manifest that adds it (and tweaks batching) to the offline one.
 */
export function testRepository(tweak: (manifest: { models: Array<Record<string, unknown>> }) => void = () => undefined): {
  modelsDir: string;
  manifest: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-models-'));
  for (const name of ['mobilenetv2-12-int8', 'imagenet-labels']) symlinkSync(join(modelsDir(), name), join(dir, name));
  const broken = join(dir, 'broken-model');
  mkdirSync(broken);
  writeFileSync(join(broken, 'model.onnx'), 'this is not an ONNX file');
  const manifest = parse(readFileSync(OFFLINE_MANIFEST, 'utf8')) as { models: Array<Record<string, unknown>> };
  manifest.models.push({
    id: 'broken-classifier',
    task: 'image-classification',
    runtime: 'onnxruntime',
    source: { type: 'local', path: 'broken-model' },
    files: [{ path: 'model.onnx' }],
    preprocessing: { resize: 256, crop: 224 },
  });
  tweak(manifest);
  const manifestPath = join(dir, 'manifest.yaml');
  writeFileSync(manifestPath, stringify(manifest));
  return { modelsDir: dir, manifest: manifestPath };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary response JSON
export type Json = any;

export async function readJson(response: Response): Promise<Json> {
  return response.json();
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** Points MODELS_DIR at `dir` for this test file; returns the function that restores it. */
export function useModelsDir(dir: string): () => void {
  const previous = process.env.MODELS_DIR;
  process.env.MODELS_DIR = dir;
  return () => {
    if (previous === undefined) delete process.env.MODELS_DIR;
    else process.env.MODELS_DIR = previous;
  };
}

import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, normalize, relative } from 'node:path';
import { ModelEntry, modelEntrySchema } from '@matrix/model-loading';
import { parseHashedNgramSpec } from '@matrix/tokenization';
import { z } from 'zod';
import { InvalidInputError } from '../errors/gateway-errors';
import { modelRef, storePath } from './model-ref';
import { registrationChecksum, sha256 } from './shared-registry';

/**
 * Triton's load-with-config: `{"parameters": {"config": {...manifest entry...}, "file:<path>": "<base64>"}}`.
 * Lets a product register a model it trained (a classifier head, factor matrices) with the gateway,
 * shipping the files in the request so the gateway needs no shared disk.
 */
export const loadRequestSchema = z
  .object({
    parameters: z
      .record(z.string(), z.unknown())
      .refine((p) => p.config !== undefined, { message: 'parameters.config (the model entry) is required when parameters are given' })
      .optional(),
  })
  .strict();

const MAX_FILES = 32;

function safeRelativePath(path: string): string {
  const clean = normalize(path);
  if (!path || clean.startsWith('..') || clean.startsWith('/') || clean.includes('\0')) {
    throw new InvalidInputError(`file name '${path}' must be a relative path inside the model folder`);
  }
  return clean;
}

/** A validated registration: the entry, its checksum (config + files) and each file's hash, for the shared registry record. */
export interface PreparedRegistration {
  entry: ModelEntry;
  checksum: string;
  files: Array<{ path: string; sha256: string }>;
}

/**
 * Validates the entry and writes its files into `<store>/<id>/<version>/r-<checksum>/` (a folder per
 * content: a replacement never rewrites files another replica may be loading); returns the entry to register.
 * The id and version are checked (never "." or "..", no separators, no NUL, bounded) before any path is
 * built from them, and every path is resolved strictly inside the store: nothing outside it is written or removed.
 */
export async function prepareRegistration(name: string, parameters: Record<string, unknown>, storeDir: string): Promise<PreparedRegistration> {
  const config = typeof parameters.config === 'string' ? safeJson(parameters.config) : parameters.config;
  if (!config || typeof config !== 'object') throw new InvalidInputError('parameters.config must be a model entry object (or its JSON)');
  const fileParams = Object.entries(parameters).filter(([key]) => key.startsWith('file:'));
  if (fileParams.length > MAX_FILES) throw new InvalidInputError(`at most ${MAX_FILES} files per model`);
  const files = fileParams.map(([key, value]) => {
    if (typeof value !== 'string') throw new InvalidInputError(`${key} must be base64 text`);
    const bytes = Buffer.from(value, 'base64');
    return { path: safeRelativePath(key.slice('file:'.length)), bytes, sha256: sha256(bytes) };
  });
  const asked = (config as Record<string, unknown>).version;
  if (asked !== undefined && typeof asked !== 'string') throw new InvalidInputError('parameters.config.version must be a string');
  const { id, version = '1' } = modelRef(name, asked);
  const raw: Record<string, unknown> = { ...(config as Record<string, unknown>), id, version };
  if (files.length) raw.files ??= files.map((f) => ({ path: f.path }));
  const checksum = registrationChecksum(files.length ? { ...raw, source: undefined } : raw, files);
  const dir = storePath(storeDir, id, version, `r-${checksum.slice(0, 16)}`);
  if (files.length) raw.source = { type: 'path', path: dir };
  const parsed = modelEntrySchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidInputError(`invalid model config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ')}`);
  }
  const source = parsed.data.source;
  if (!files.length && source.type === 'path' && !insideStore(storeDir, source.path)) {
    throw new InvalidInputError(`source.path of a model registered over HTTP must lie inside the gateway's model store; upload the files instead`);
  }
  const features = (parsed.data.preprocessing as { features?: unknown } | undefined)?.features;
  if (features !== undefined) {
    try {
      parseHashedNgramSpec(features);
    } catch (error) {
      throw new InvalidInputError(`invalid model config: preprocessing.features: ${(error as Error).message}`);
    }
  }
  if (files.length && !(await exists(dir))) {
    // Written beside, then renamed into place: a failed upload never leaves a half-written model folder.
    const staging = storePath(storeDir, id, version, `staging-${process.pid}-${Date.now()}`);
    await rm(staging, { recursive: true, force: true });
    for (const file of files) {
      const target = storePath(staging, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.bytes);
    }
    // Another replica may have written the same content meanwhile: its folder is as good as ours.
    await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true });
      if (!(await exists(dir))) throw error;
    });
  }
  return { entry: parsed.data, checksum, files: files.map((f) => ({ path: f.path, sha256: f.sha256 })) };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError('parameters.config is not valid JSON');
  }
}

/** Whether an absolute `path` lies strictly inside the store (a folder registered earlier with its files). */
export function insideStore(storeDir: string, path: string): boolean {
  try {
    storePath(storeDir, relative(storeDir, path));
    return true;
  } catch {
    return false;
  }
}

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a cached matrix was computed from; any change gives a different key (and file). */
export interface EmbeddingCacheIdentity {
  model: string;
  version: string;
  texts: readonly string[];
}

/** Sidecar JSON next to the `.f32` file: enough to check the file and to say where it came from. */
export interface EmbeddingCacheMeta {
  model: string;
  version: string;
  textsSha256: string;
  count: number;
  dimensions: number;
  createdAt: string;
  /** Wall time the embedding took when the cache was filled. */
  seconds?: number;
}

export interface CachedEmbeddings {
  /** Row-major [count, dimensions]. */
  matrix: Float32Array;
  meta: EmbeddingCacheMeta;
}

/** SHA-256 of the texts in order; JSON encoding keeps ['a b'] and ['a', 'b'] apart. */
export function textsChecksum(texts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(texts)).digest('hex');
}

/** e.g. `use-lite-en@1-3f2a…` — safe as a file name. */
export function embeddingCacheKey(identity: EmbeddingCacheIdentity): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe(identity.model)}@${safe(identity.version)}-${textsChecksum(identity.texts)}`;
}

function paths(dir: string, key: string) {
  return { data: join(dir, `${key}.f32`), meta: join(dir, `${key}.json`) };
}

/**
 * Reads a cached matrix, or `undefined` when there is none or it does not match the identity
 * (a truncated or foreign file is treated as a miss, never returned).
 */
export function readEmbeddingCache(dir: string, identity: EmbeddingCacheIdentity): CachedEmbeddings | undefined {
  const key = embeddingCacheKey(identity);
  const file = paths(dir, key);
  if (!existsSync(file.data) || !existsSync(file.meta)) return undefined;
  const meta = JSON.parse(readFileSync(file.meta, 'utf8')) as EmbeddingCacheMeta;
  if (meta.count !== identity.texts.length || meta.textsSha256 !== textsChecksum(identity.texts)) return undefined;
  if (meta.model !== identity.model || meta.version !== identity.version) return undefined;
  const bytes = readFileSync(file.data);
  if (bytes.byteLength !== meta.count * meta.dimensions * 4) return undefined;
  // Copy into a fresh, aligned buffer (a Buffer may share a pool at an odd offset).
  const matrix = new Float32Array(meta.count * meta.dimensions);
  new Uint8Array(matrix.buffer).set(bytes);
  return { matrix, meta };
}

/** Writes matrix + sidecar; the data file is written under a temporary name and renamed, so a crash never leaves a half file. */
export function writeEmbeddingCache(
  dir: string,
  identity: EmbeddingCacheIdentity,
  matrix: Float32Array,
  dimensions: number,
  seconds?: number,
): EmbeddingCacheMeta {
  if (matrix.length !== identity.texts.length * dimensions) {
    throw new Error(`embedding matrix has ${matrix.length} values, expected ${identity.texts.length} × ${dimensions}`);
  }
  mkdirSync(dir, { recursive: true });
  const key = embeddingCacheKey(identity);
  const file = paths(dir, key);
  const meta: EmbeddingCacheMeta = {
    model: identity.model,
    version: identity.version,
    textsSha256: textsChecksum(identity.texts),
    count: identity.texts.length,
    dimensions,
    createdAt: new Date().toISOString(),
    seconds,
  };
  writeFileSync(`${file.data}.partial`, new Uint8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength));
  renameSync(`${file.data}.partial`, file.data);
  writeFileSync(file.meta, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

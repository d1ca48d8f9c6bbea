import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { l2Normalise } from '@matrix/recommender-model';

/** What the gateway's /v1/embed answers (the part used here). */
export interface EmbedBatch {
  model: string;
  version: string;
  embeddings: number[][];
}

export interface ContentEmbeddings {
  model: string;
  version: string;
  dimensions: number;
  /** items × dimensions, each row L2-normalised (cosine = dot product). */
  embeddings: Float32Array;
}

const BATCH = 128;

/**
 * Embeds item metadata texts through the gateway (`embed`), 128 per call. Embeddings are cached in
 * tmp/cache/recommender-content keyed by the embedding model, its version and a checksum of the
 * texts, so retraining on unchanged items does not embed them again.
 */
export async function embedItemTexts(texts: readonly string[], embed: (texts: string[]) => Promise<EmbedBatch>, modelHint: string): Promise<ContentEmbeddings> {
  const checksum = createHash('sha256').update(JSON.stringify(texts)).digest('hex').slice(0, 16);
  const cacheDir = join(workspaceRoot(), 'tmp', 'cache', 'recommender-content');
  const first = await embed([texts[0] ?? ' ']);
  const dimensions = first.embeddings[0]?.length ?? 0;
  const cachePath = join(cacheDir, `${first.model}-${first.version}-${dimensions}-${checksum}.bin`.replace(/[^\w.-]/g, '_'));
  if (existsSync(cachePath)) {
    const bytes = readFileSync(cachePath);
    const embeddings = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (embeddings.length === texts.length * dimensions) return { model: first.model, version: first.version, dimensions, embeddings };
  }
  const embeddings = new Float32Array(texts.length * dimensions);
  for (let start = 0; start < texts.length; start += BATCH) {
    const batch = texts.slice(start, start + BATCH).map((t) => t.trim() || modelHint);
    const result = await embed(batch);
    result.embeddings.forEach((row, i) => embeddings.set(l2Normalise(Float32Array.from(row)), (start + i) * dimensions));
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cachePath, Buffer.from(embeddings.buffer));
  return { model: first.model, version: first.version, dimensions, embeddings };
}

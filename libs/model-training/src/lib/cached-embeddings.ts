import type { GatewayClient } from '@matrix/gateway-client';
import { CachedEmbeddings, embeddingCacheKey, readEmbeddingCache, writeEmbeddingCache } from './embedding-cache';
import { embedAll, EmbedAllOptions } from './embed-texts';

export interface CachedEmbedOptions extends EmbedAllOptions {
  model: string;
  cacheDir: string;
  log?: (line: string) => void;
}

/**
 * Embeddings of `texts` from the on-disk cache when the gateway still serves the same model
 * version, else through the gateway (then cached). The version is asked first so a new model
 * version never reads the old one's vectors.
 */
export async function cachedEmbeddings(
  client: Pick<GatewayClient, 'embed' | 'models'>,
  texts: readonly string[],
  options: CachedEmbedOptions,
): Promise<CachedEmbeddings & { fromCache: boolean }> {
  const log = options.log ?? (() => undefined);
  const info = (await client.models()).find((m) => m.id === options.model);
  if (!info) throw new Error(`the gateway does not serve embedding model '${options.model}'`);
  const identity = { model: info.id, version: info.version, texts };
  const hit = readEmbeddingCache(options.cacheDir, identity);
  if (hit) {
    log(`embeddings: cache hit ${embeddingCacheKey(identity)} (${hit.meta.count} × ${hit.meta.dimensions})`);
    return { ...hit, fromCache: true };
  }
  log(`embeddings: cache miss, embedding ${texts.length} texts with ${info.id}@${info.version}`);
  const result = await embedAll(client, texts, { ...options, model: options.model });
  if (result.version !== info.version) throw new Error(`gateway answered with ${result.model}@${result.version}, expected version ${info.version}`);
  const meta = writeEmbeddingCache(options.cacheDir, identity, result.matrix, result.dimensions, result.seconds);
  log(
    `embeddings: ${texts.length} texts in ${result.seconds.toFixed(1)} s (${(texts.length / result.seconds).toFixed(0)}/s), cached as ${embeddingCacheKey(identity)}`,
  );
  return { matrix: result.matrix, meta, fromCache: false };
}

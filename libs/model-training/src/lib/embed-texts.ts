import type { GatewayClient } from '@matrix/gateway-client';

export interface EmbedProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface EmbedAllOptions {
  model?: string;
  /** Texts per request (the gateway batches further inside). */
  batchSize?: number;
  /** Requests in flight at once: enough to keep both model instances busy. */
  concurrency?: number;
  onProgress?: (progress: EmbedProgress) => void;
}

export interface EmbedAllResult {
  model: string;
  version: string;
  dimensions: number;
  /** Row-major [texts.length, dimensions]. */
  matrix: Float32Array;
  seconds: number;
}

/**
 * Embeds many texts through the gateway in `bulk` priority (people using the products are served
 * first), with a few requests in flight; rows land in input order whatever order answers arrive in.
 */
export async function embedAll(client: Pick<GatewayClient, 'embed'>, texts: readonly string[], options: EmbedAllOptions = {}): Promise<EmbedAllResult> {
  const batchSize = options.batchSize ?? 64;
  const concurrency = options.concurrency ?? 4;
  const started = performance.now();
  const batches: number[] = [];
  for (let start = 0; start < texts.length; start += batchSize) batches.push(start);
  let matrix: Float32Array | undefined;
  let dimensions = 0;
  let model = '';
  let version = '';
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const start = batches[next++];
      const slice = texts.slice(start, start + batchSize);
      const response = await client.embed([...slice], { model: options.model, priority: 'bulk', timeoutMs: 120_000 });
      if (!matrix) {
        dimensions = response.dimensions;
        model = response.model;
        version = response.version;
        matrix = new Float32Array(texts.length * dimensions);
      }
      if (response.model !== model || response.version !== version || response.dimensions !== dimensions) {
        // A model swapped mid-run would mix two embedding spaces in one matrix.
        throw new Error(
          `embedding model changed during the run: ${model}@${version} (${dimensions}-d) → ${response.model}@${response.version} (${response.dimensions}-d)`,
        );
      }
      const rows = matrix;
      response.embeddings.forEach((row, i) => rows.set(row, (start + i) * dimensions));
      done += slice.length;
      options.onProgress?.({ done, total: texts.length, elapsedMs: performance.now() - started });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  if (!matrix) throw new Error('no texts to embed');
  return { model, version, dimensions, matrix, seconds: (performance.now() - started) / 1000 };
}

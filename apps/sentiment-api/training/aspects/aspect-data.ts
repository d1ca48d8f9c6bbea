import { join } from 'node:path';
import { loadSemeval14Absa, type AspectExample } from '@matrix/datasets';
import { createRng, shuffled } from '@matrix/evaluation-metrics';
import type { GatewayClient } from '@matrix/gateway-client';
import { cachedEmbeddings } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import { aspectContext } from '@matrix/sentiment-model';

export const EMBEDDING_MODEL = 'use-lite-en';

/** SemEval-2014 aspect rows with the span the aspect head reads (aspectContext) and its embedding. */
export interface AspectData {
  rows: AspectExample[];
  contexts: string[];
  labels: number[];
  matrix: Float32Array;
  dim: number;
  embedding: { model: string; version: string; seconds: number; fromCache: boolean };
}

export async function aspectData(client: GatewayClient, log: (line: string) => void, rows: AspectExample[] = loadSemeval14Absa()): Promise<AspectData> {
  const contexts = rows.map((r) => aspectContext(r.text, r.from, r.to).text);
  const emb = await cachedEmbeddings(client, contexts, {
    model: EMBEDDING_MODEL,
    cacheDir: join(workspaceRoot(), 'tmp', 'cache', 'embeddings'),
    log,
    batchSize: 64,
    concurrency: 2,
  });
  return {
    rows,
    contexts,
    labels: rows.map((r) => r.label),
    matrix: emb.matrix,
    dim: emb.meta.dimensions,
    embedding: { model: emb.meta.model, version: emb.meta.version, seconds: emb.meta.seconds ?? 0, fromCache: emb.fromCache },
  };
}

/**
 * Fold of every row, `k` folds grouped by sentence (all aspects of one sentence in one fold, so no
 * fold is tested on a sentence it trained on), seeded.
 */
export function foldsBySentence(rows: readonly { text: string }[], k: number, seed: number): number[] {
  const sentences = [...new Set(rows.map((r) => r.text))];
  const order = shuffled(sentences, createRng(seed));
  const foldOf = new Map(order.map((text, i) => [text, i % k]));
  return rows.map((r) => foldOf.get(r.text) as number);
}

/** Train / held-out split of `indices`, a seeded `fraction` of their sentences held out. */
export function heldOutBySentence(
  rows: readonly { text: string }[],
  indices: number[],
  fraction: number,
  seed: number,
): { train: number[]; heldOut: number[] } {
  const sentences = [...new Set(indices.map((i) => rows[i].text))];
  const held = new Set(shuffled(sentences, createRng(seed)).slice(0, Math.round(sentences.length * fraction)));
  return { train: indices.filter((i) => !held.has(rows[i].text)), heldOut: indices.filter((i) => held.has(rows[i].text)) };
}

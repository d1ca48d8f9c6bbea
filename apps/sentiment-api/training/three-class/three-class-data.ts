import { join } from 'node:path';
import { loadSst5ThreeClass, loadTweetEval, sst5Path, tweetEvalSentimentDir } from '@matrix/datasets';
import { createRng, shuffled } from '@matrix/evaluation-metrics';
import type { GatewayClient } from '@matrix/gateway-client';
import { cachedEmbeddings, takeRows } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';

export const EMBEDDING_MODEL = 'use-lite-en';

export interface ThreeClassRow {
  text: string;
  label: number;
  source: 'sst5-train' | 'tweeteval-val';
}

/** The training texts, their USE embeddings and the seeded held-out split (early stopping and member weights). */
export interface ThreeClassData {
  rows: ThreeClassRow[];
  labels: number[];
  matrix: Float32Array;
  dim: number;
  split: { train: number[]; heldOut: number[] };
  embedding: { model: string; version: string; seconds: number; fromCache: boolean };
}

/**
 * SST-5 train (1–2 / 3 / 4–5 → negative / neutral / positive) and TweetEval sentiment val (the
 * social-media register). A seeded `heldOut` fraction of each source is kept out of training: early
 * stopping and the member weights are chosen on it. Nothing is read from SST-5 dev or SST-2 dev.
 */
export function loadThreeClassRows(): ThreeClassRow[] {
  const sst5 = loadSst5ThreeClass('train').map((r) => ({ text: r.sentence, label: r.label, source: 'sst5-train' as const }));
  const tweets = loadTweetEval().examples.map((t) => ({ text: t.text, label: t.label, source: 'tweeteval-val' as const }));
  return [...sst5, ...tweets];
}

export const THREE_CLASS_SOURCES = { sst5: () => sst5Path('train'), tweeteval: () => join(tweetEvalSentimentDir(), 'val_text.txt') };

/** Seeded per-source held-out split: `fractions[source]` of each source's rows. */
export function heldOutBySource(rows: readonly ThreeClassRow[], fractions: Record<ThreeClassRow['source'], number>, seed: number): ThreeClassData['split'] {
  const rng = createRng(seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const source of ['sst5-train', 'tweeteval-val'] as const) {
    const indices = rows.flatMap((r, i) => (r.source === source ? [i] : []));
    const order = shuffled(indices, rng);
    const cut = Math.round(order.length * fractions[source]);
    heldOut.push(...order.slice(0, cut));
    train.push(...order.slice(cut));
  }
  return { train: train.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}

export async function threeClassData(
  client: GatewayClient,
  options: { seed: number; heldOutSst5: number; heldOutTweets: number },
  log: (line: string) => void,
): Promise<ThreeClassData> {
  const rows = loadThreeClassRows();
  const cacheDir = join(workspaceRoot(), 'tmp', 'cache', 'embeddings');
  const emb = await cachedEmbeddings(
    client,
    rows.map((r) => r.text),
    { model: EMBEDDING_MODEL, cacheDir, log, batchSize: 64, concurrency: 2 },
  );
  const split = heldOutBySource(rows, { 'sst5-train': options.heldOutSst5, 'tweeteval-val': options.heldOutTweets }, options.seed);
  return {
    rows,
    labels: rows.map((r) => r.label),
    matrix: emb.matrix,
    dim: emb.meta.dimensions,
    split,
    embedding: { model: emb.meta.model, version: emb.meta.version, seconds: emb.meta.seconds ?? 0, fromCache: emb.fromCache },
  };
}

export function rowsOf(data: ThreeClassData, indices: number[]) {
  return { matrix: takeRows(data.matrix, data.dim, indices), labels: indices.map((i) => data.labels[i]), dim: data.dim };
}

import { join } from 'node:path';
import { loadLabelledTsv } from '@matrix/datasets';
import type { GatewayClient } from '@matrix/gateway-client';
import { cachedEmbeddings, sentenceHeldOutSplit, takeRows, type LabelledMatrix, type SentenceSplit } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';

export const EMBEDDING_MODEL = 'use-lite-en';

type Phrases = ReturnType<typeof loadLabelledTsv>;
type Embeddings = Awaited<ReturnType<typeof cachedEmbeddings>>;

/** SST-2 phrases with USE embeddings, and the held-out split early stopping and the member weights use. */
export interface SentimentData {
  train: Phrases;
  dev: Phrases;
  trainEmb: Embeddings;
  devEmb: Embeddings;
  dim: number;
  split: SentenceSplit;
  /** Label of every training phrase (index = phrase). */
  labels: number[];
  trainRows: LabelledMatrix;
  heldOutRows: LabelledMatrix & { labels: number[] };
}

export function loadPhrases(trainFile: string, devFile: string): { train: Phrases; dev: Phrases } {
  return { train: loadLabelledTsv(trainFile), dev: loadLabelledTsv(devFile) };
}

/** The phrases' embeddings (gateway, cached on disk) with progress every 10 s, then the held-out split. */
export async function sentimentData(
  client: GatewayClient,
  phrases: { train: Phrases; dev: Phrases },
  split: { fraction: number; seed: number },
  log: (line: string) => void,
): Promise<SentimentData> {
  const { train, dev } = phrases;
  const cacheDir = join(workspaceRoot(), 'tmp', 'cache', 'embeddings');
  let lastReport = 0;
  const progress = (what: string) => (p: { done: number; total: number; elapsedMs: number }) => {
    if (p.elapsedMs - lastReport < 10_000 && p.done < p.total) return;
    lastReport = p.elapsedMs;
    const rate = p.done / (p.elapsedMs / 1000);
    log(`embedding ${what}: ${p.done}/${p.total} (${rate.toFixed(0)}/s, ~${((p.total - p.done) / rate).toFixed(0)} s left)`);
  };
  const trainEmb = await cachedEmbeddings(
    client,
    train.map((r) => r.sentence),
    { model: EMBEDDING_MODEL, cacheDir, log, onProgress: progress('train'), batchSize: 64, concurrency: 4 },
  );
  lastReport = 0;
  const devEmb = await cachedEmbeddings(
    client,
    dev.map((r) => r.sentence),
    { model: EMBEDDING_MODEL, cacheDir, log, onProgress: progress('dev'), batchSize: 64, concurrency: 4 },
  );
  const dim = trainEmb.meta.dimensions;

  // Early stopping watches seeded whole sentences of train (their sub-phrases leave training), so
  // dev stays a clean test set and the held-out loss is not flattered by the phrase tree.
  const heldOut = sentenceHeldOutSplit(
    train.map((r) => r.sentence),
    split,
  );
  log(
    `held out ${heldOut.heldOut.length} sentence-like phrases (≥ 10 words) for early stopping; dropped their ${heldOut.dropped.length} sub-phrases from training`,
  );
  const labels = train.map((r) => r.label);
  return {
    train,
    dev,
    trainEmb,
    devEmb,
    dim,
    split: heldOut,
    labels,
    trainRows: { matrix: takeRows(trainEmb.matrix, dim, heldOut.train), labels: heldOut.train.map((i) => labels[i]), dim },
    heldOutRows: { matrix: takeRows(trainEmb.matrix, dim, heldOut.heldOut), labels: heldOut.heldOut.map((i) => labels[i]), dim },
  };
}

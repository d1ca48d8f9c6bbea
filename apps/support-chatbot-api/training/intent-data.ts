import { join } from 'node:path';
import { loadIntentCsv } from '@matrix/datasets';
import type { GatewayClient } from '@matrix/gateway-client';
import { cachedEmbeddings } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import type { HashedNgramSpec } from '@matrix/tokenization';
import { EMBEDDING_MODEL } from './bake-intent-model';
import { intentLabels, labelledRows } from './intent-labels';
import { ngramMatrix } from './ngram-matrix';

export interface IntentRows {
  texts: string[];
  labels: number[];
}

/** The training rows over the intents they teach, and the test rows (reported only) when there is a test file. */
export interface IntentData {
  labels: string[];
  train: IntentRows;
  test?: IntentRows;
}

export function loadIntentData(trainFile: string, testFile: string): IntentData {
  const trainExamples = loadIntentCsv(trainFile);
  const labels = intentLabels(trainExamples);
  return { labels, train: labelledRows(trainExamples, labels), test: testFile ? labelledRows(loadIntentCsv(testFile), labels) : undefined };
}

/** What each member head reads: USE embeddings (from the gateway, cached on disk) and hashed n-gram vectors. */
export interface IntentFeatures {
  trainEmb: Awaited<ReturnType<typeof cachedEmbeddings>>;
  testEmb?: Awaited<ReturnType<typeof cachedEmbeddings>>;
  useDim: number;
  trainNgrams: Float32Array;
}

export async function intentFeatures(
  client: GatewayClient,
  data: IntentData,
  ngramSpec: HashedNgramSpec,
  log: (line: string) => void,
): Promise<IntentFeatures> {
  const cacheDir = join(workspaceRoot(), 'tmp', 'cache', 'embeddings');
  const embed = (texts: string[]) => cachedEmbeddings(client, texts, { model: EMBEDDING_MODEL, cacheDir, log, batchSize: 64, concurrency: 4 });
  const trainEmb = await embed(data.train.texts);
  const testEmb = data.test ? await embed(data.test.texts) : undefined;
  return { trainEmb, testEmb, useDim: trainEmb.meta.dimensions, trainNgrams: ngramMatrix(data.train.texts, ngramSpec) };
}

import { createRng } from '@matrix/evaluation-metrics';
import { tokenRows } from '@matrix/head-inputs';
import { loadUseTokenizer } from '@matrix/tokenization';
import {
  predictPositiveInBatches,
  projectTable,
  tokenInputs,
  trainClassifier,
  useSubwordTable,
  useWasmBackend,
  type TrainHeadOptions,
} from '@matrix/model-training';
import type { TrainedStage } from './trained-stage';
import { buildTokenHead } from './token-head';

export interface TokenStageOptions extends TrainHeadOptions {
  maxTokens: number;
  tableDim: number;
  ngrams: number[];
  filters: number;
  hidden: number[];
  dropout: number;
  wordDropout: number;
}

export type TokenStage = TrainedStage;

/**
 * Trains the token head on the same phrases and the same held-out split as the embedding head:
 * USE SentencePiece ids of each phrase, embeddings initialised from USE's own subword table.
 */
export async function trainTokenStage(
  texts: readonly string[],
  labels: ArrayLike<number>,
  split: { train: number[]; heldOut: number[] },
  options: TokenStageOptions,
): Promise<TokenStage> {
  await useWasmBackend();
  const tokenizer = await loadUseTokenizer();
  const tokens = tokenRows(tokenizer, texts, options.maxTokens);
  const table = projectTable(useSubwordTable(), options.tableDim, options.seed);
  const model = buildTokenHead({
    maxTokens: options.maxTokens,
    table,
    ngrams: options.ngrams,
    filters: options.filters,
    hidden: options.hidden,
    dropout: options.dropout,
    seed: options.seed,
  });
  const rng = createRng(options.seed + 7);
  const predictRows = (rows: readonly Int32Array[]) => predictPositiveInBatches(model, rows.length, (order) => tokenInputs(rows, order, options.maxTokens));
  const trainRows = split.train.map((i) => tokens[i]);
  const heldOutRows = split.heldOut.map((i) => tokens[i]);
  const result = await trainClassifier(
    model,
    {
      count: trainRows.length,
      labels: split.train.map((i) => labels[i]),
      inputsFor: (order) => tokenInputs(trainRows, order, options.maxTokens, options.wordDropout, rng),
      heldOutLabels: split.heldOut.map((i) => labels[i]),
      predictHeldOut: () => {
        const positive = predictRows(heldOutRows);
        return {
          probabilities: Float32Array.from({ length: positive.length * 2 }, (_, i) => (i % 2 ? positive[(i - 1) / 2] : 1 - positive[i / 2])),
          classes: 2,
        };
      },
    },
    options,
  );
  const architecture =
    `USE subword ids (≤ ${options.maxTokens}) → embedding ${table.rows}×${table.dim} (USE table, PCA, trainable) → ` +
    `[mean over tokens (word dropout ${options.wordDropout})${options.ngrams.map((k) => `, ${k}-gram map ${options.filters} ReLU max-pooled`).join('')}] → dropout ${options.dropout}` +
    `${options.hidden.map((h) => ` → ${h} ReLU → dropout ${options.dropout}`).join('')} → 2 softmax`;
  return {
    model,
    architecture,
    result,
    predict: (batch) => predictRows(tokenRows(tokenizer, batch, options.maxTokens)),
  };
}

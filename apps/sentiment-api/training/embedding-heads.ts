import type * as tf from '@tensorflow/tfjs';
import { buildDenseHead, predictPositive, trainHead, type TrainHeadResult } from '@matrix/model-training';
import type { SentimentData } from './sentiment-data';
import type { SentimentTrainingOptions } from './sentiment-training-options';

export const LABELS = ['negative', 'positive'];

export interface EmbeddingHead {
  model: tf.LayersModel;
  architecture: string;
  result: TrainHeadResult;
  /** As the model card lists them. */
  hyperparameters: Record<string, number>;
}

type HeadOptions = SentimentTrainingOptions['head'];

function headShape(options: HeadOptions, dim: number, seed: number, name: string) {
  return { name, inputDim: dim, hidden: options.hidden, outputs: LABELS.length, dropout: options.dropout, l2: options.l2, seed };
}

/** What every embedding head trains with (early stopping on the held-out phrases). */
function trainOptions(options: HeadOptions) {
  return {
    maxEpochs: options.epochs,
    patience: options.patience,
    batchSize: options.batch,
    learningRate: options.lr,
    labelSmoothing: options.labelSmoothing,
    classes: LABELS.length,
  };
}

/** The first embedding head (seed `seed`): an MLP on USE embeddings, the served model when it is alone. */
export async function trainEmbeddingHead(data: SentimentData, options: HeadOptions, seed: number, log: (line: string) => void): Promise<EmbeddingHead> {
  const hyperparameters = {
    'learning rate': options.lr,
    'batch size': options.batch,
    dropout: options.dropout,
    L2: options.l2,
    'label smoothing': options.labelSmoothing,
    'max epochs': options.epochs,
    patience: options.patience,
  };
  const { dim } = data;
  const model = buildDenseHead(headShape(options, dim, seed, 'sentiment_head'));
  const architecture = `${dim} → ${options.hidden.map((h) => `${h} ReLU → dropout ${options.dropout}`).join(' → ')}${options.hidden.length ? ' → ' : ''}2 softmax`;
  log(`training ${architecture} (${model.countParams()} parameters) on ${data.trainRows.labels.length} phrases, ${data.heldOutRows.labels.length} held out`);
  const result = await trainHead(model, data.trainRows, data.heldOutRows, { ...trainOptions(options), seed, log });
  log(`trained in ${result.seconds.toFixed(1)} s; kept epoch ${result.bestEpoch}`);
  return { model, architecture, result, hyperparameters };
}

/** More embedding heads, seeds seed+1 … seed+count−1: their mean is steadier than one. */
export async function trainMoreEmbeddingHeads(
  first: tf.LayersModel,
  data: SentimentData,
  options: HeadOptions,
  seed: number,
  log: (line: string) => void,
): Promise<tf.LayersModel[]> {
  const heads: tf.LayersModel[] = [first];
  for (let extra = 1; extra < options.seeds; extra++) {
    const head = buildDenseHead(headShape(options, data.dim, seed + extra, `sentiment_head_${extra}`));
    const r = await trainHead(head, data.trainRows, data.heldOutRows, { ...trainOptions(options), seed: seed + extra, log: () => undefined });
    log(`embedding head seed ${seed + extra}: kept epoch ${r.bestEpoch} of ${r.epochs.length} (${r.seconds.toFixed(0)} s)`);
    heads.push(head);
  }
  return heads;
}

/** Mean P(positive) of the heads on embedding rows. */
export function meanPositive(heads: tf.LayersModel[], rows: { matrix: Float32Array; dim: number }): Float32Array {
  const all = heads.map((head) => predictPositive(head, rows));
  return Float32Array.from(all[0], (_, i) => all.reduce((sum, p) => sum + p[i], 0) / all.length);
}

import type * as tf from '@tensorflow/tfjs';
import {
  buildDenseHead,
  predictProbabilities,
  takeRows,
  trainHead,
  type DenseHeadShape,
  type IndexSplit,
  type TrainHeadOptions,
  type TrainHeadResult,
} from '@matrix/model-training';
import type { IntentData, IntentFeatures } from './intent-data';
import type { IntentTrainingOptions } from './intent-training-options';

/** One ensemble member: its head's shape, the matrix it reads, and its learning rate. */
export interface MemberSpec {
  key: 'use' | 'ngram';
  shape: DenseHeadShape;
  matrix: Float32Array;
  dim: number;
  lr: number;
}

/** The USE-embedding MLP and the linear head on hashed n-grams. */
export function memberSpecs(options: IntentTrainingOptions, classes: number, features: IntentFeatures): MemberSpec[] {
  const { seed, ngramSpec } = options;
  return [
    {
      key: 'use',
      shape: { name: 'intent_use_head', inputDim: features.useDim, hidden: options.useHidden, outputs: classes, dropout: options.dropout, l2: 0, seed },
      matrix: features.trainEmb.matrix,
      dim: features.useDim,
      lr: options.lr,
    },
    {
      key: 'ngram',
      shape: { name: 'intent_ngram_head', inputDim: ngramSpec.dimensions, hidden: [], outputs: classes, dropout: 0, l2: 0, seed },
      matrix: features.trainNgrams,
      dim: ngramSpec.dimensions,
      lr: options.ngramLr,
    },
  ];
}

/** Training settings every member shares. */
export type CommonTraining = Omit<TrainHeadOptions, 'maxEpochs' | 'learningRate'>;

export interface TunedMember {
  result: TrainHeadResult;
  /** Its probabilities on the held-out rows, [heldOut, classes]. */
  heldOut: Float32Array;
}

export function describeMember(m: MemberSpec, classes: number): string {
  return `${m.dim} → ${m.shape.hidden.map((h) => `${h} ReLU`).join(' → ')}${m.shape.hidden.length ? ' → ' : ''}${classes} softmax`;
}

/** Tune: each member trained on the rest of train, stopped early on the held-out rows, its held-out probabilities kept. */
export async function tuneMembers(
  members: MemberSpec[],
  data: IntentData,
  split: IndexSplit,
  common: CommonTraining,
  maxEpochs: number,
): Promise<TunedMember[]> {
  const pick = (indices: number[]) => indices.map((i) => data.train.labels[i]);
  const tuned: TunedMember[] = [];
  for (const m of members) {
    const model = buildDenseHead(m.shape);
    common.log?.(`${m.key} head: ${describeMember(m, data.labels.length)} (${model.countParams()} parameters)`);
    const result = await trainHead(
      model,
      { matrix: takeRows(m.matrix, m.dim, split.train), labels: pick(split.train), dim: m.dim },
      { matrix: takeRows(m.matrix, m.dim, split.heldOut), labels: pick(split.heldOut), dim: m.dim },
      { ...common, maxEpochs, learningRate: m.lr },
    );
    const heldOut = predictProbabilities(model, { matrix: takeRows(m.matrix, m.dim, split.heldOut), dim: m.dim }).probabilities;
    tuned.push({ result, heldOut });
    model.dispose();
  }
  return tuned;
}

/**
 * The final heads: with `refit`, all of train for the epoch count each head needed (more data, same
 * schedule); else trained again as when tuning.
 */
export async function fitFinalMembers(
  members: MemberSpec[],
  tuned: TunedMember[],
  data: IntentData,
  split: IndexSplit,
  common: CommonTraining,
  options: { refit: boolean; maxEpochs: number },
): Promise<tf.LayersModel[]> {
  const pick = (indices: number[]) => indices.map((i) => data.train.labels[i]);
  const finalModels: tf.LayersModel[] = [];
  for (const [k, m] of members.entries()) {
    const model = buildDenseHead(m.shape);
    const holdOut = { matrix: takeRows(m.matrix, m.dim, split.heldOut), labels: pick(split.heldOut), dim: m.dim };
    if (options.refit) {
      common.log?.(`refit ${m.key} head on all ${data.train.texts.length} rows for ${tuned[k].result.bestEpoch} epochs`);
      await trainHead(model, { matrix: m.matrix, dim: m.dim, labels: data.train.labels }, holdOut, {
        ...common,
        maxEpochs: tuned[k].result.bestEpoch,
        patience: Number.MAX_SAFE_INTEGER,
        learningRate: m.lr,
        log: () => undefined,
      });
    } else {
      await trainHead(model, { matrix: takeRows(m.matrix, m.dim, split.train), labels: pick(split.train), dim: m.dim }, holdOut, {
        ...common,
        maxEpochs: options.maxEpochs,
        learningRate: m.lr,
        log: () => undefined,
      });
    }
    finalModels.push(model);
  }
  return finalModels;
}

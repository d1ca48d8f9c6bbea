import * as tf from '@tensorflow/tfjs';
import { accuracy, precisionRecallF1 } from '@matrix/evaluation-metrics';
import { headBatch, parseHeadPreprocessing } from '@matrix/head-inputs';
import {
  argmaxRows,
  averagedModel,
  buildDenseHead,
  chooseMemberWeights,
  headInputTensors,
  layersModelFiles,
  loadLayersModelFiles,
  predictProbabilities,
  quantizeLayersFiles,
  takeRows,
  trainHead,
  type EpochRecord,
  type LayersModelFiles,
} from '@matrix/model-training';
import type { HashedNgramSpec } from '@matrix/tokenization';
import { trainMulticlassNgramHead } from './multiclass-ngram-head';

export const CLASSES = 3;

export interface MemberScore {
  accuracy: number;
  macroF1: number;
  macroRecall: number;
}

export interface EnsembleOptions {
  seed: number;
  headSeeds: number;
  hidden: number[];
  dropout: number;
  lr: number;
  batch: number;
  epochs: number;
  patience: number;
  ngram: { dimensions: number; l2: number; lr: number };
  log?: (line: string) => void;
}

/** Texts with 0/1/2 labels, their embeddings (row-major) and the train / held-out split. */
export interface EnsembleData {
  texts: readonly string[];
  labels: readonly number[];
  matrix: Float32Array;
  dim: number;
  split: { train: number[]; heldOut: number[] };
}

export interface TrainedEnsemble {
  served: tf.LayersModel;
  spec: HashedNgramSpec;
  /** What the served model reads: the embedding, and the n-grams unless the n-gram member weighs 0. */
  preprocessing: { embeddingModel: string; features?: HashedNgramSpec };
  weights: number[];
  headEpochs: number[];
  ngramEpochs: EpochRecord[];
  /** Held-out scores of each member and of the blend (before quantization). */
  members: Record<string, MemberScore>;
}

export function scoreProbabilities(yTrue: readonly number[], probabilities: Float32Array): MemberScore {
  const yPred = argmaxRows(probabilities, CLASSES);
  const prf = precisionRecallF1([...yTrue], yPred, { labels: [0, 1, 2] });
  return { accuracy: accuracy([...yTrue], yPred), macroF1: prf.macro.f1, macroRecall: prf.macro.recall };
}

/**
 * The three-class recipe both the sentence head and the aspect head use: `headSeeds` MLPs on the
 * sentence embedding and a logistic regression on hashed word 1–2-grams, early stopping on the
 * held-out rows, member weights chosen there (0.1 grid), averaged into one served model.
 */
export async function trainThreeClassEnsemble(data: EnsembleData, options: EnsembleOptions & { embeddingModel: string }): Promise<TrainedEnsemble> {
  const log = options.log ?? (() => undefined);
  const rows = (indices: number[]) => ({ matrix: takeRows(data.matrix, data.dim, indices), labels: indices.map((i) => data.labels[i]), dim: data.dim });
  const train = rows(data.split.train);
  const heldOut = rows(data.split.heldOut);
  const headOptions = {
    maxEpochs: options.epochs,
    patience: options.patience,
    batchSize: options.batch,
    learningRate: options.lr,
    labelSmoothing: 0.05,
    classes: CLASSES,
  };
  const heads: tf.LayersModel[] = [];
  const headEpochs: number[] = [];
  for (let k = 0; k < options.headSeeds; k++) {
    const head = buildDenseHead({
      name: `three_class_head_${k}`,
      inputDim: data.dim,
      hidden: options.hidden,
      outputs: CLASSES,
      dropout: options.dropout,
      l2: 0,
      seed: options.seed + k,
    });
    const result = await trainHead(head, train, heldOut, { ...headOptions, seed: options.seed + k });
    log(`embedding head seed ${options.seed + k}: kept epoch ${result.bestEpoch} of ${result.epochs.length} (${result.seconds.toFixed(0)} s)`);
    heads.push(head);
    headEpochs.push(result.bestEpoch);
  }
  const headP = heads.map((h) => predictProbabilities(h, heldOut).probabilities);
  const meanHeads = Float32Array.from(headP[0], (_, i) => headP.reduce((s, p) => s + p[i], 0) / headP.length);

  const spec: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: options.ngram.dimensions, wordNgrams: [1, 2], charNgrams: [0, 0] };
  const ngram = await trainMulticlassNgramHead(data.texts, data.labels, data.split, {
    ...headOptions,
    maxEpochs: 20,
    patience: 2,
    learningRate: options.ngram.lr,
    labelSmoothing: 0,
    spec,
    l2: options.ngram.l2,
    classes: CLASSES,
    seed: options.seed,
  });
  log(`n-gram head: kept epoch ${ngram.result.bestEpoch} of ${ngram.result.epochs.length}`);
  const ngramP = ngram.predict(data.split.heldOut.map((i) => data.texts[i]));

  const chosen = chooseMemberWeights([meanHeads, ngramP], heldOut.labels, { classes: CLASSES });
  log(`member weights (embedding heads, n-gram head): ${chosen.weights.join(', ')}; held-out accuracy ${chosen.accuracy.toFixed(4)}`);
  const served = averagedModel(
    [
      { heads, weight: chosen.weights[0] },
      { heads: [ngram.model], weight: chosen.weights[1] },
    ].filter((m) => m.weight > 0),
    { embeddingDim: data.dim, classes: CLASSES, name: 'three_class_average' },
  );
  const blend = Float32Array.from(meanHeads, (p, i) => chosen.weights[0] * p + chosen.weights[1] * ngramP[i]);
  return {
    served,
    spec,
    preprocessing: { embeddingModel: options.embeddingModel, ...(chosen.weights[1] > 0 ? { features: spec } : {}) },
    weights: chosen.weights,
    headEpochs,
    ngramEpochs: ngram.result.epochs,
    members: {
      'embedding heads (mean)': scoreProbabilities(heldOut.labels, meanHeads),
      'n-gram head': scoreProbabilities(heldOut.labels, ngramP),
      'weighted average': scoreProbabilities(heldOut.labels, blend),
    },
  };
}

/** The served files (weights quantized) and, loaded back and fed by input name as the gateway does, the probabilities of `texts`. */
export async function servedThreeClassFiles(
  model: tf.LayersModel,
  modelId: string,
  preprocessing: { embeddingModel: string; features?: HashedNgramSpec },
  texts: readonly string[],
  embeddings: Float32Array[],
): Promise<{ files: LayersModelFiles; bytes: number; probabilities: Float32Array }> {
  const files = quantizeLayersFiles(await layersModelFiles(model));
  const bytes = files['model.json'].byteLength + files['weights.bin'].byteLength;
  return { files, bytes, probabilities: await probabilitiesFromFiles(files, modelId, preprocessing, texts, embeddings) };
}

/** Row-major [texts, 3] probabilities of a served model's files, inputs built by name as the gateway builds them. */
export async function probabilitiesFromFiles(
  files: LayersModelFiles,
  modelId: string,
  preprocessing: { embeddingModel: string; features?: HashedNgramSpec },
  texts: readonly string[],
  embeddings: Float32Array[],
): Promise<Float32Array> {
  const probabilities = new Float32Array(texts.length * CLASSES);
  if (texts.length === 0) return probabilities;
  const reloaded = await loadLayersModelFiles(files);
  const prep = parseHeadPreprocessing(modelId, { ...preprocessing });
  for (let start = 0; start < texts.length; start += 512) {
    const end = Math.min(texts.length, start + 512);
    const fed = headInputTensors(reloaded, headBatch(texts.slice(start, end), prep, undefined, embeddings.slice(start, end)));
    probabilities.set(
      tf.tidy(() => (reloaded.predict(fed) as tf.Tensor2D).dataSync() as Float32Array),
      start * CLASSES,
    );
    tf.dispose(fed);
  }
  reloaded.dispose();
  return probabilities;
}

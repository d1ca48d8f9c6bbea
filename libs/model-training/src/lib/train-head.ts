import * as tf from '@tensorflow/tfjs';
import { createRng, shuffled } from '@matrix/evaluation-metrics';

/** Rows of a row-major [n, dim] matrix with class labels 0…classes−1. */
export interface LabelledMatrix {
  matrix: Float32Array;
  labels: ArrayLike<number>;
  dim: number;
}

export interface TrainHeadOptions {
  maxEpochs: number;
  /** Stop after this many epochs without a better held-out loss; the best epoch's weights are kept. */
  patience: number;
  batchSize: number;
  learningRate: number;
  /** Targets become (1 − ε)·onehot + ε/classes: keeps the softmax from saturating on noisy labels. */
  labelSmoothing: number;
  /** Output classes (default 2). */
  classes?: number;
  seed: number;
  log?: (line: string) => void;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  heldOutLoss: number;
  heldOutAccuracy: number;
  seconds: number;
}

export interface TrainHeadResult {
  bestEpoch: number;
  epochs: EpochRecord[];
  seconds: number;
}

function count(rows: LabelledMatrix): number {
  return rows.matrix.length / rows.dim;
}

function targets(labels: ArrayLike<number>, indices: readonly number[], smoothing: number, classes: number): tf.Tensor2D {
  const data = new Float32Array(indices.length * classes).fill(smoothing / classes);
  indices.forEach((row, i) => {
    data[i * classes + labels[row]] = 1 - smoothing + smoothing / classes;
  });
  return tf.tensor2d(data, [indices.length, classes]);
}

function gather(rows: LabelledMatrix, indices: readonly number[]): tf.Tensor2D {
  const data = new Float32Array(indices.length * rows.dim);
  indices.forEach((row, i) => data.set(rows.matrix.subarray(row * rows.dim, (row + 1) * rows.dim), i * rows.dim));
  return tf.tensor2d(data, [indices.length, rows.dim]);
}

/** P(class 1) of a binary model for `count` rows whose inputs `inputsFor` builds, in batches (keeps peak memory flat). */
export function predictPositiveInBatches(
  model: tf.LayersModel,
  count: number,
  inputsFor: (order: number[]) => tf.Tensor | tf.Tensor[],
  batchSize = 1024,
): Float32Array {
  const out = new Float32Array(count);
  for (let start = 0; start < count; start += batchSize) {
    const order = Array.from({ length: Math.min(batchSize, count - start) }, (_, i) => start + i);
    const x = inputsFor(order);
    const p = tf.tidy(() => (model.predict(x) as tf.Tensor2D).slice([0, 1], [-1, 1]).dataSync());
    tf.dispose(x);
    out.set(p, start);
  }
  return out;
}

/** Class probabilities for every row, row-major [n, classes], in batches (keeps peak memory flat). */
export function predictProbabilities(
  model: tf.LayersModel,
  rows: { matrix: Float32Array; dim: number },
  batchSize = 2048,
): { probabilities: Float32Array; classes: number } {
  const n = rows.matrix.length / rows.dim;
  let out = new Float32Array(0);
  let classes = 0;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const probs = tf.tidy(() => {
      const x = tf.tensor2d(rows.matrix.subarray(start * rows.dim, end * rows.dim), [end - start, rows.dim]);
      return (model.predict(x) as tf.Tensor2D).dataSync() as Float32Array;
    });
    if (start === 0) {
      classes = probs.length / (end - start);
      out = new Float32Array(n * classes);
    }
    out.set(probs, start * classes);
  }
  return { probabilities: out, classes };
}

/** P(class 1) for every row of a binary head. */
export function predictPositive(model: tf.LayersModel, rows: { matrix: Float32Array; dim: number }, batchSize = 2048): Float32Array {
  const { probabilities, classes } = predictProbabilities(model, rows, batchSize);
  return Float32Array.from({ length: probabilities.length / classes }, (_, i) => probabilities[i * classes + 1]);
}

/** Index of the largest value in each row of a row-major [n, classes] matrix. */
export function argmaxRows(probabilities: Float32Array, classes: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < probabilities.length; start += classes) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[start + c] > probabilities[start + best]) best = c;
    out.push(best);
  }
  return out;
}

/** Mean log loss and accuracy of row-major [n, classes] probabilities against class labels. */
export function classificationScores(probabilities: Float32Array, classes: number, labels: ArrayLike<number>): { loss: number; accuracy: number } {
  const predicted = argmaxRows(probabilities, classes);
  let loss = 0;
  let correct = 0;
  predicted.forEach((p, i) => {
    const label = labels[i];
    loss -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, probabilities[i * classes + label])));
    if (p === label) correct++;
  });
  return { loss: loss / predicted.length, accuracy: correct / predicted.length };
}

/** What the training loop needs of any classifier's data: inputs for a row order, held-out probabilities. */
export interface TrainingData {
  count: number;
  labels: ArrayLike<number>;
  /** The model's inputs for these training rows, in this order (an epoch may vary them, e.g. word dropout). */
  inputsFor(rows: readonly number[], epoch: number): tf.Tensor | tf.Tensor[];
  heldOutLabels: ArrayLike<number>;
  /** Row-major [held-out rows, classes] probabilities of the model as it is now. */
  predictHeldOut(model: tf.LayersModel): { probabilities: Float32Array; classes: number };
}

/** A head on embeddings: rows of the embedding matrix in, the held-out matrix scored in batches. */
export function embeddingData(train: LabelledMatrix, heldOut: LabelledMatrix): TrainingData {
  return {
    count: count(train),
    labels: train.labels,
    inputsFor: (rows) => gather(train, rows),
    heldOutLabels: heldOut.labels,
    predictHeldOut: (model) => predictProbabilities(model, heldOut),
  };
}

export function trainHead(model: tf.LayersModel, train: LabelledMatrix, heldOut: LabelledMatrix, options: TrainHeadOptions): Promise<TrainHeadResult> {
  return trainClassifier(model, embeddingData(train, heldOut), options);
}

/**
 * Adam on mini-batches in a seeded order (tfjs's own shuffle uses Math.random), one epoch per
 * fit() call; after each epoch the held-out loss decides early stopping, and the weights of the
 * best epoch are restored at the end.
 */
export async function trainClassifier(model: tf.LayersModel, data: TrainingData, options: TrainHeadOptions): Promise<TrainHeadResult> {
  const log = options.log ?? (() => undefined);
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy' });
  const rng = createRng(options.seed);
  const all = Array.from({ length: data.count }, (_, i) => i);
  const epochs: EpochRecord[] = [];
  let best = { loss: Infinity, epoch: 0, weights: [] as tf.Tensor[] };
  const started = performance.now();
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    const epochStarted = performance.now();
    const order = shuffled(all, rng);
    const x = data.inputsFor(order, epoch);
    const y = targets(data.labels, order, options.labelSmoothing, options.classes ?? 2);
    const history = await model.fit(x, y, { epochs: 1, batchSize: options.batchSize, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    const trainLoss = Number(history.history.loss[0]);
    const heldOut = data.predictHeldOut(model);
    const scores = classificationScores(heldOut.probabilities, heldOut.classes, data.heldOutLabels);
    const record = { epoch, trainLoss, heldOutLoss: scores.loss, heldOutAccuracy: scores.accuracy, seconds: (performance.now() - epochStarted) / 1000 };
    epochs.push(record);
    const improved = scores.loss < best.loss - 1e-4;
    log(
      `epoch ${String(epoch).padStart(2)}: train loss ${trainLoss.toFixed(4)}  held-out loss ${scores.loss.toFixed(4)} acc ${scores.accuracy.toFixed(4)}  ${record.seconds.toFixed(1)} s${improved ? '  *' : ''}`,
    );
    if (improved) {
      best.weights.forEach((w) => w.dispose());
      best = { loss: scores.loss, epoch, weights: model.getWeights().map((w) => w.clone()) };
    } else if (epoch - best.epoch >= options.patience) {
      log(`early stop: no better held-out loss for ${options.patience} epochs; keeping epoch ${best.epoch}`);
      break;
    }
  }
  model.setWeights(best.weights);
  best.weights.forEach((w) => w.dispose());
  return { bestEpoch: best.epoch, epochs, seconds: (performance.now() - started) / 1000 };
}

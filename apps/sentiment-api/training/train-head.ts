import * as tf from '@tensorflow/tfjs';
import { createRng, shuffled } from '@matrix/evaluation-metrics';

/** Rows of a row-major [n, dim] matrix with 0/1 labels. */
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
  /** Targets become (1 − ε)·onehot + ε/2: keeps the softmax from saturating on noisy phrase labels. */
  labelSmoothing: number;
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

function targets(labels: ArrayLike<number>, indices: readonly number[], smoothing: number): tf.Tensor2D {
  const data = new Float32Array(indices.length * 2);
  indices.forEach((row, i) => {
    const positive = labels[row] === 1;
    data[i * 2] = positive ? smoothing / 2 : 1 - smoothing / 2;
    data[i * 2 + 1] = positive ? 1 - smoothing / 2 : smoothing / 2;
  });
  return tf.tensor2d(data, [indices.length, 2]);
}

function gather(rows: LabelledMatrix, indices: readonly number[]): tf.Tensor2D {
  const data = new Float32Array(indices.length * rows.dim);
  indices.forEach((row, i) => data.set(rows.matrix.subarray(row * rows.dim, (row + 1) * rows.dim), i * rows.dim));
  return tf.tensor2d(data, [indices.length, rows.dim]);
}

/** P(positive) for every row, in batches (keeps peak memory flat). */
export function predictPositive(model: tf.LayersModel, rows: { matrix: Float32Array; dim: number }, batchSize = 2048): Float32Array {
  const n = rows.matrix.length / rows.dim;
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const probs = tf.tidy(() => {
      const x = tf.tensor2d(rows.matrix.subarray(start * rows.dim, end * rows.dim), [end - start, rows.dim]);
      return (model.predict(x) as tf.Tensor2D).slice([0, 1], [-1, 1]).dataSync();
    });
    out.set(probs, start);
  }
  return out;
}

function heldOutScores(model: tf.LayersModel, rows: LabelledMatrix): { loss: number; accuracy: number } {
  const p = predictPositive(model, rows);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < p.length; i++) {
    const positive = rows.labels[i] === 1;
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
    loss -= positive ? Math.log(q) : Math.log(1 - q);
    if (p[i] >= 0.5 === positive) correct++;
  }
  return { loss: loss / p.length, accuracy: correct / p.length };
}

/**
 * Adam on mini-batches in a seeded order (tfjs's own shuffle uses Math.random), one epoch per
 * fit() call; after each epoch the held-out loss decides early stopping, and the weights of the
 * best epoch are restored at the end.
 */
export async function trainHead(model: tf.LayersModel, train: LabelledMatrix, heldOut: LabelledMatrix, options: TrainHeadOptions): Promise<TrainHeadResult> {
  const log = options.log ?? (() => undefined);
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy' });
  const rng = createRng(options.seed);
  const all = Array.from({ length: count(train) }, (_, i) => i);
  const epochs: EpochRecord[] = [];
  let best = { loss: Infinity, epoch: 0, weights: [] as tf.Tensor[] };
  const started = performance.now();
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    const epochStarted = performance.now();
    const order = shuffled(all, rng);
    const x = gather(train, order);
    const y = targets(train.labels, order, options.labelSmoothing);
    const history = await model.fit(x, y, { epochs: 1, batchSize: options.batchSize, shuffle: false, verbose: 0 });
    x.dispose();
    y.dispose();
    const trainLoss = Number(history.history.loss[0]);
    const scores = heldOutScores(model, heldOut);
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

import * as tf from '@tensorflow/tfjs';
import { EMBEDDING_INPUT, HEAD_INPUT_NAMES, headInputName } from '@matrix/head-inputs';

/** One member of a served ensemble: heads of one kind (e.g. a few seeds), averaged, with the member's weight. */
export interface EnsembleMember {
  heads: tf.LayersModel[];
  weight: number;
}

export interface AveragedModelOptions {
  /** Width of the sentence embedding the embedding heads read. */
  embeddingDim: number;
  classes?: number;
  /** The combined model's name (e.g. `sentiment_ensemble`). */
  name?: string;
}

/**
 * The one way products combine ensemble members: one served model out of several trained heads
 * (embedding heads, token heads, n-gram heads), its output the weighted average of their class
 * probabilities, Σ_m w_m · mean(heads of m). Each head input is matched to the shared input of the
 * same name (@matrix/head-inputs), so the gateway fills each once and a product makes one
 * /v1/classify call for the whole ensemble.
 */
export function averagedModel(members: EnsembleMember[], options: AveragedModelOptions): tf.LayersModel {
  const { embeddingDim, classes = 2, name = 'averaged_heads' } = options;
  const live = members.filter((m) => m.weight > 0);
  if (!live.length || live.some((m) => !m.heads.length)) throw new Error('averagedModel needs members with heads and a positive weight');
  const total = live.reduce((sum, m) => sum + m.weight, 0);
  if (members.some((m) => !(m.weight >= 0)) || Math.abs(total - 1) > 1e-6)
    throw new Error(`member weights must be ≥ 0 and sum to 1, got ${members.map((m) => m.weight).join(', ')}`);
  const inputs = new Map<string, tf.SymbolicTensor>();
  const inputFor = (head: tf.LayersModel, position: number): tf.SymbolicTensor => {
    const own = head.inputs[position];
    const shared = headInputName(own.name);
    const existing = inputs.get(shared);
    if (existing) return existing;
    const shape = shared === EMBEDDING_INPUT ? [embeddingDim] : own.shape.slice(1);
    const created = tf.input({ shape: shape as number[], dtype: own.dtype, name: shared });
    inputs.set(shared, created);
    return created;
  };
  const outputs: tf.SymbolicTensor[] = [];
  const headWeights: number[] = [];
  for (const member of live) {
    for (const head of member.heads) {
      const headInputs = head.inputs.map((_, i) => inputFor(head, i));
      outputs.push(head.apply(headInputs.length === 1 ? headInputs[0] : headInputs) as tf.SymbolicTensor);
      headWeights.push(member.weight / member.heads.length);
    }
  }
  // A fixed linear layer over the heads' concatenated probabilities: class c of head h has weight w_h into class c.
  const kernel = new Float32Array(outputs.length * classes * classes);
  headWeights.forEach((w, h) => {
    for (let c = 0; c < classes; c++) kernel[(h * classes + c) * classes + c] = w;
  });
  const mix = tf.layers.dense({
    units: classes,
    useBias: false,
    trainable: false,
    weights: [tf.tensor2d(kernel, [outputs.length * classes, classes])],
    name: 'weighted_average',
  });
  // One live head (its member weighted 1, the others 0) has nothing to concatenate.
  const merged = outputs.length === 1 ? outputs[0] : (tf.layers.concatenate({ name: 'member_probabilities' }).apply(outputs) as tf.SymbolicTensor);
  const out = mix.apply(merged) as tf.SymbolicTensor;
  const order = HEAD_INPUT_NAMES.flatMap((n) => inputs.get(n) ?? []);
  return tf.model({ inputs: order, outputs: out, name });
}

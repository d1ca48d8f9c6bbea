import * as tf from '@tensorflow/tfjs';

/** One member of the served ensemble: heads of one kind (e.g. a few seeds), averaged, with the member's weight. */
export interface EnsembleMember {
  heads: tf.LayersModel[];
  weight: number;
}

/** Ensemble input names the gateway fills (apps/inference-gateway head-inputs.ts); any other head input reads the embedding. */
const SHARED_INPUTS = ['input_ids', 'token_weights', 'feature_ids', 'feature_values'];

/**
 * One served model out of several trained heads: embedding heads (USE sentence embedding → probs),
 * a token head (subword ids → probs), an n-gram head (hashed n-grams → probs), combined as a
 * weighted average of their class probabilities, Σ_m w_m · mean(heads of m). The gateway feeds each
 * input by name (manifest preprocessing: embeddingModel, tokenizer, features), so products still
 * make one /v1/classify call. The heads see different things (the sentence as USE encodes it;
 * subwords and short phrases; exact word n-grams), so the average beats each alone by 3–4 points.
 */
export function averagedModel(members: EnsembleMember[], shapes: { maxTokens?: number; embeddingDim: number }, classes = 2): tf.LayersModel {
  const live = members.filter((m) => m.weight > 0);
  if (!live.length || live.some((m) => !m.heads.length)) throw new Error('averagedModel needs members with heads and a positive weight');
  const total = live.reduce((sum, m) => sum + m.weight, 0);
  if (members.some((m) => !(m.weight >= 0)) || Math.abs(total - 1) > 1e-6) throw new Error(`member weights must be ≥ 0 and sum to 1, got ${members.map((m) => m.weight).join(', ')}`);
  const inputs = new Map<string, tf.SymbolicTensor>();
  const inputFor = (head: tf.LayersModel, position: number): tf.SymbolicTensor => {
    const own = head.inputs[position];
    const name = SHARED_INPUTS.find((n) => own.name.startsWith(n)) ?? 'embedding';
    const existing = inputs.get(name);
    if (existing) return existing;
    const shape = name === 'embedding' ? [shapes.embeddingDim] : own.shape.slice(1);
    const created = tf.input({ shape: shape as number[], dtype: own.dtype, name });
    inputs.set(name, created);
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
  const mix = tf.layers.dense({ units: classes, useBias: false, trainable: false, weights: [tf.tensor2d(kernel, [outputs.length * classes, classes])], name: 'weighted_average' });
  const out = mix.apply(tf.layers.concatenate({ name: 'member_probabilities' }).apply(outputs)) as tf.SymbolicTensor;
  const order = ['input_ids', 'token_weights', 'embedding', 'feature_ids', 'feature_values'].flatMap((n) => inputs.get(n) ?? []);
  return tf.model({ inputs: order, outputs: out, name: 'sentiment_ensemble' });
}

/**
 * The members' weights in the average, chosen on held-out data (never the test set): every weight
 * vector on a grid of `step` that sums to 1, the one with the best held-out accuracy; ties go to the
 * one nearest equal weights.
 */
export function chooseMemberWeights(memberP: ArrayLike<number>[], labels: ArrayLike<number>, step = 0.1): { weights: number[]; accuracy: number } {
  const steps = Math.round(1 / step);
  const uniform = 1 / memberP.length;
  let best = { weights: memberP.map(() => uniform), accuracy: -1, distance: Infinity };
  const visit = (prefix: number[], left: number) => {
    if (prefix.length === memberP.length - 1) {
      const weights = [...prefix, left].map((k) => k / steps);
      let correct = 0;
      for (let i = 0; i < labels.length; i++) {
        const p = weights.reduce((sum, w, m) => sum + w * memberP[m][i], 0);
        if (p >= 0.5 === (labels[i] === 1)) correct++;
      }
      const accuracy = correct / labels.length;
      const distance = Math.hypot(...weights.map((w) => w - uniform));
      if (accuracy > best.accuracy + 1e-12 || (Math.abs(accuracy - best.accuracy) <= 1e-12 && distance < best.distance)) best = { weights, accuracy, distance };
      return;
    }
    for (let k = 0; k <= left; k++) visit([...prefix, k], left - k);
  };
  visit([], steps);
  return { weights: best.weights, accuracy: best.accuracy };
}

import { GatewayClient } from '@matrix/gateway-client';

/**
 * A tiny sentiment head for tests that must not depend on training: one dense softmax layer
 * (512 → [negative, positive]) over the gateway's USE embeddings, whose logit gap is
 * k·(mean(positive anchors) − mean(negative anchors))·(x − midpoint). Texts close to the positive
 * anchors score positive, close to the negative ones negative: a real tfjs-layers model that the
 * real gateway loads and runs, with behaviour we can predict.
 */

export const POSITIVE_ANCHORS = [
  'I love it, it is wonderful and excellent.',
  'Great, fantastic and delightful. I am very happy.',
  'An amazing, brilliant, superb experience.',
];
export const NEGATIVE_ANCHORS = [
  'I hate it, it is terrible and awful.',
  'Horrible, dreadful and disappointing. I am very unhappy.',
  'An awful, boring, miserable experience.',
];

const mean = (vectors: number[][]) => vectors[0].map((_, i) => vectors.reduce((sum, v) => sum + v[i], 0) / vectors.length);
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);

/** model.json + weights.bin of a Dense(units=2, softmax) layer on 512 inputs, tfjs-layers 4.x format. */
export function denseSoftmaxFiles(kernel: number[][], bias: [number, number]): Record<string, Buffer> {
  const inputs = kernel.length;
  const modelJson = {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'anchor_head',
        layers: [
          {
            class_name: 'Dense',
            config: {
              units: 2,
              activation: 'softmax',
              use_bias: true,
              kernel_initializer: { class_name: 'Zeros', config: {} },
              bias_initializer: { class_name: 'Zeros', config: {} },
              kernel_regularizer: null,
              bias_regularizer: null,
              activity_regularizer: null,
              kernel_constraint: null,
              bias_constraint: null,
              name: 'dense',
              trainable: true,
              batch_input_shape: [null, inputs],
              dtype: 'float32',
            },
          },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: 'sentiment-api test anchor head',
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'dense/kernel', shape: [inputs, 2], dtype: 'float32' },
          { name: 'dense/bias', shape: [2], dtype: 'float32' },
        ],
      },
    ],
  };
  // Row-major [inputs, 2] kernel, then the bias.
  const weights = new Float32Array(inputs * 2 + 2);
  kernel.forEach((row, i) => weights.set(row, i * 2));
  weights.set(bias, inputs * 2);
  return { 'model.json': Buffer.from(JSON.stringify(modelJson)), 'weights.bin': Buffer.from(weights.buffer) };
}

/** Builds the anchor head from the gateway's own embeddings; `gapAtAnchors` is the logit gap at an anchor mean. */
export async function anchorHeadFiles(gateway: GatewayClient, gapAtAnchors = 8): Promise<Record<string, Buffer>> {
  const { embeddings } = await gateway.embed([...POSITIVE_ANCHORS, ...NEGATIVE_ANCHORS], { model: 'use-lite-en' });
  const positive = mean(embeddings.slice(0, POSITIVE_ANCHORS.length));
  const negative = mean(embeddings.slice(POSITIVE_ANCHORS.length));
  const direction = positive.map((p, i) => p - negative[i]);
  const midpoint = positive.map((p, i) => (p + negative[i]) / 2);
  // At x = positive mean the gap is k·|d|²/2; pick k so that it is gapAtAnchors.
  const k = (2 * gapAtAnchors) / dot(direction, direction);
  const kernel = direction.map((d) => [(-k * d) / 2, (k * d) / 2]);
  const offset = (k * dot(direction, midpoint)) / 2;
  return denseSoftmaxFiles(kernel, [offset, -offset]);
}

export const ANCHOR_HEAD_CONFIG = {
  version: 'test-anchor-1',
  task: 'text-classification',
  runtime: 'tfjs-layers',
  labels: { type: 'inline', values: ['negative', 'positive'] },
  preprocessing: { embeddingModel: 'use-lite-en' },
};

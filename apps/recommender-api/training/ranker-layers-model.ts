import * as tf from '@tensorflow/tfjs';

/**
 * The gateway's item-ranking model as tfjs-layers files: one Dense layer, input [n, d], output
 * [n, items], kernel = `kernel` (d × items, row-major), optional bias (items). Scores of a query
 * vector x are x · kernel + bias — EASE's x_u B, or p_u · Qᵀ + b for factor models.
 */
export async function rankerLayersFiles(kernel: Float32Array, inputWidth: number, items: number, bias?: Float32Array): Promise<Record<string, Buffer>> {
  if (kernel.length !== inputWidth * items) throw new Error(`kernel has ${kernel.length} values, expected ${inputWidth}×${items}`);
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputWidth], units: items, useBias: bias !== undefined, name: 'item_scores', kernelInitializer: 'zeros' }));
  const weights = [tf.tensor2d(kernel, [inputWidth, items]), ...(bias ? [tf.tensor1d(bias)] : [])];
  model.layers[0].setWeights(weights);
  tf.dispose(weights);
  let files: Record<string, Buffer> | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const manifest = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { 'model.json': Buffer.from(JSON.stringify(manifest)), 'weights.bin': Buffer.from(weightData) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  if (!files) throw new Error('model.save produced no artifacts');
  return files;
}

/** Qᵀ of row-major item factors (items × k) as the k × items kernel. */
export function transposeFactors(itemFactors: Float32Array, items: number, factors: number): Float32Array {
  const out = new Float32Array(items * factors);
  for (let i = 0; i < items; i++) for (let f = 0; f < factors; f++) out[f * items + i] = itemFactors[i * factors + f];
  return out;
}

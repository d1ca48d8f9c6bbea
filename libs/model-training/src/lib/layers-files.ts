import * as tf from '@tensorflow/tfjs';

/** The two files of a tfjs-layers model as the gateway stores them. */
export type LayersModelFiles = { 'model.json': Buffer; 'weights.bin': Buffer };

/**
 * Serialises a layers model to `model.json` (topology + weightsManifest paths ['weights.bin'])
 * and one `weights.bin`, in memory — the format tf.loadLayersModel('file://…/model.json') reads.
 */
export async function layersModelFiles(model: tf.LayersModel): Promise<LayersModelFiles> {
  let files: LayersModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const manifest = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { 'model.json': Buffer.from(JSON.stringify(manifest)), 'weights.bin': Buffer.from(weightData) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!files) throw new Error('model.save produced no artifacts');
  return files;
}

/** Loads the two files back into a layers model without touching disk or network. */
export async function loadLayersModelFiles(files: Record<string, Buffer>): Promise<tf.LayersModel> {
  const modelJson = files['model.json'];
  const weights = files['weights.bin'];
  if (!modelJson || !weights) throw new Error(`a tfjs-layers model needs model.json and weights.bin (got ${Object.keys(files).join(', ') || 'no files'})`);
  const manifest = JSON.parse(modelJson.toString('utf8')) as tf.io.ModelJSON;
  const specs = manifest.weightsManifest.flatMap((group) => group.weights);
  // An exact-size ArrayBuffer: a Buffer may be a view into a larger shared pool.
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs: specs, weightData }));
}

import * as tf from '@tensorflow/tfjs';

/** A tfjs-layers model as the files a product ships when it registers one: model.json + weights.bin. */
export async function tfjsModelFiles(model: tf.LayersModel): Promise<Record<string, Buffer>> {
  let files: Record<string, Buffer> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const manifest = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      files = { 'model.json': Buffer.from(JSON.stringify(manifest)), 'weights.bin': Buffer.from(artifacts.weightData as ArrayBuffer) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return files;
}

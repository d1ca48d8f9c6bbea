import { argmaxRows } from '@matrix/model-training';
import { SENTIMENT_ASPECT_NAME } from '@matrix/sentiment-model';
import { CLASSES, servedThreeClassFiles } from '../three-class/three-class-ensemble';
import { EMBEDDING_MODEL, foldsBySentence, type AspectData } from './aspect-data';
import { trainAspectModel, type AspectModel } from './aspect-model';

export const CV_FOLDS = 5;

export interface AspectFold {
  fold: number;
  test: number[];
  model: AspectModel;
}

/**
 * K-fold cross-validation models of the aspect head, folds grouped by sentence: fold k's model never
 * saw a sentence of fold k. `onFold` gets each trained fold (to score it, locally or through the API).
 */
export async function crossValidatedAspectModels(
  data: AspectData,
  seed: number,
  onFold: (fold: AspectFold) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  const folds = foldsBySentence(data.rows, CV_FOLDS, seed);
  for (let fold = 0; fold < CV_FOLDS; fold++) {
    const test = folds.flatMap((f, i) => (f === fold ? [i] : []));
    const train = folds.flatMap((f, i) => (f === fold ? [] : [i]));
    log(`fold ${fold + 1}/${CV_FOLDS}: ${train.length} training rows, ${test.length} test rows`);
    const model = await trainAspectModel(data, train, `cv-fold-${fold + 1}`, seed + fold);
    await onFold({ fold, test, model });
  }
}

/** Class ids the model as served (quantized, inputs by name) predicts for rows `indices`. */
export async function predictAsServed(model: AspectModel, data: AspectData, indices: number[]): Promise<number[]> {
  const { probabilities } = await servedThreeClassFiles(
    model.ensemble.served,
    SENTIMENT_ASPECT_NAME,
    { embeddingModel: EMBEDDING_MODEL, features: model.ensemble.spec },
    indices.map((i) => data.contexts[i]),
    indices.map((i) => data.matrix.subarray(i * data.dim, (i + 1) * data.dim)),
  );
  return argmaxRows(probabilities, CLASSES);
}

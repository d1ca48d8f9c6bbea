import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argmaxRows, type LayersModelFiles } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import { SENTIMENT_ASPECT_NAME, type SentimentHeadConfig } from '@matrix/sentiment-model';
import type { HashedNgramSpec } from '@matrix/tokenization';
import { CLASSES, probabilitiesFromFiles } from '../three-class/three-class-ensemble';
import { EMBEDDING_MODEL, foldsBySentence, type AspectData } from './aspect-data';
import { ASPECT_ENSEMBLE_DEFAULTS, trainAspectModel } from './aspect-model';

export const CV_FOLDS = 5;

/** One cross-validation fold: its test rows and the served files of the head trained without them. */
export interface AspectFold {
  fold: number;
  test: number[];
  files: LayersModelFiles;
  config: SentimentHeadConfig;
}

/** Fold models are cached on disk by data, seed and recipe: the trainer and `evaluate --task targets` share them. */
function foldCacheDir(data: AspectData, seed: number): string {
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        contexts: data.contexts,
        labels: data.labels,
        texts: data.rows.map((r) => r.text),
        seed,
        folds: CV_FOLDS,
        recipe: ASPECT_ENSEMBLE_DEFAULTS,
      }),
    )
    .digest('hex')
    .slice(0, 16);
  return join(workspaceRoot(), 'tmp', 'cache', 'aspect-cv', `${EMBEDDING_MODEL}-${key}`);
}

function readFold(dir: string): Omit<AspectFold, 'fold' | 'test'> | undefined {
  if (!existsSync(join(dir, 'config.json'))) return undefined;
  return {
    files: { 'model.json': readFileSync(join(dir, 'model.json')), 'weights.bin': readFileSync(join(dir, 'weights.bin')) },
    config: JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as SentimentHeadConfig,
  };
}

function writeFold(dir: string, fold: Omit<AspectFold, 'fold' | 'test'>): void {
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'model.json'), fold.files['model.json']);
  writeFileSync(join(partial, 'weights.bin'), fold.files['weights.bin']);
  writeFileSync(join(partial, 'config.json'), JSON.stringify(fold.config));
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
}

/**
 * K-fold cross-validation models of the aspect head, folds grouped by sentence: fold k's model never
 * saw a sentence of fold k. Trained once per data/seed/recipe and cached under tmp/cache/aspect-cv.
 * `onFold` gets each fold (to score it, locally or through the API).
 */
export async function crossValidatedAspectModels(
  data: AspectData,
  seed: number,
  onFold: (fold: AspectFold) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  const folds = foldsBySentence(data.rows, CV_FOLDS, seed);
  const cache = foldCacheDir(data, seed);
  for (let fold = 0; fold < CV_FOLDS; fold++) {
    const test = folds.flatMap((f, i) => (f === fold ? [i] : []));
    const train = folds.flatMap((f, i) => (f === fold ? [] : [i]));
    const dir = join(cache, `fold-${fold + 1}`);
    let model = readFold(dir);
    if (model) log(`fold ${fold + 1}/${CV_FOLDS}: cached model (${dir})`);
    else {
      log(`fold ${fold + 1}/${CV_FOLDS}: training on ${train.length} rows, ${test.length} test rows`);
      const trained = await trainAspectModel(data, train, `cv-fold-${fold + 1}`, seed + fold);
      model = { files: trained.files, config: trained.config };
      writeFold(dir, model);
    }
    await onFold({ fold, test, ...model });
  }
}

/** Class ids the fold's served files (quantized, inputs by name) predict for rows `indices`. */
export async function predictAsServed(fold: Pick<AspectFold, 'files' | 'config'>, data: AspectData, indices: number[]): Promise<number[]> {
  const probabilities = await probabilitiesFromFiles(
    fold.files,
    SENTIMENT_ASPECT_NAME,
    { embeddingModel: EMBEDDING_MODEL, features: fold.config.preprocessing.features as HashedNgramSpec | undefined },
    indices.map((i) => data.contexts[i]),
    indices.map((i) => data.matrix.subarray(i * data.dim, (i + 1) * data.dim)),
  );
  return argmaxRows(probabilities, CLASSES);
}

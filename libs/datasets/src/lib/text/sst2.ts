import { defaultDatasetPath } from '../dataset-files';
import { LabelledSentence, loadLabelledTsv } from './labelled-tsv';

export type Sst2Split = 'train' | 'dev';

/** Where the shipped GLUE SST-2 split lives: `<datasets>/sst2/<split>.tsv`. */
export function sst2Path(split: Sst2Split): string {
  return defaultDatasetPath('sst2', `${split}.tsv`);
}

/**
 * GLUE SST-2: `train` = 67,349 phrases, `dev` = 872 sentences (the headline accuracy set).
 * Pass `path` to read another file of the same format instead.
 */
export function loadSst2(split: Sst2Split, path: string = sst2Path(split)): LabelledSentence[] {
  return loadLabelledTsv(path);
}

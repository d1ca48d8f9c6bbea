import { basename, dirname, extname } from 'node:path';

const GENERIC_SPLITS = new Set(['train', 'dev', 'test', 'validation', 'valid', 'val']);

/**
 * The dataset name in the result line: the file name without extension, prefixed with its folder
 * when the file name is only a split name — `…/sst2/dev.tsv` → `sst2-dev`, `reviews.tsv` → `reviews`.
 */
export function datasetName(path: string): string {
  const stem = basename(path, extname(path));
  if (!GENERIC_SPLITS.has(stem.toLowerCase())) return stem;
  const folder = basename(dirname(path));
  return folder && folder !== '.' && folder !== '/' ? `${folder}-${stem}` : stem;
}

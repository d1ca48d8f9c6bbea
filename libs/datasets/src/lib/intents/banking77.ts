import { join } from 'node:path';
import { DatasetFormatError } from '../dataset-errors';
import { defaultDatasetPath, readDatasetText } from '../dataset-files';
import { IntentExample, loadIntentCsv } from './intent-csv';

export type Banking77Split = 'train' | 'test';

export interface Banking77Set {
  /** The 77 intent names in the order of `categories.json`. */
  categories: string[];
  examples: IntentExample[];
}

/** Folder of the shipped Banking77 set (PolyAI, CC BY 4.0). */
export function banking77Dir(): string {
  return defaultDatasetPath('banking77');
}

/** Reads `categories.json`: a JSON array of intent names. */
export function loadBanking77Categories(path: string = join(banking77Dir(), 'categories.json')): string[] {
  const parsed: unknown = JSON.parse(readDatasetText(path));
  if (!Array.isArray(parsed) || !parsed.every((name): name is string => typeof name === 'string')) {
    throw new DatasetFormatError(path, undefined, 'expected a JSON array of category names');
  }
  return parsed;
}

/**
 * Banking77 `train` (10,003) or `test` (3,080) from a folder in the shipped layout. Every row's
 * category must be one of `categories.json`, which catches a file from a different intent set.
 */
export function loadBanking77(split: Banking77Split, dir: string = banking77Dir()): Banking77Set {
  const categories = loadBanking77Categories(join(dir, 'categories.json'));
  const known = new Set(categories);
  const path = join(dir, `${split}.csv`);
  const examples = loadIntentCsv(path);
  const unknown = examples.find((example) => !known.has(example.category));
  if (unknown) throw new DatasetFormatError(path, undefined, `category "${unknown.category}" is not in categories.json`);
  return { categories, examples };
}

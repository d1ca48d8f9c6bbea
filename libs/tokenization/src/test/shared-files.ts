import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localTokenizerDir } from '../lib/local-tokenizer-dir';

/** Tests read ../shared directly (CI has it); a missing file fails the suite and names the path. */
export function requireSharedPath(path: string): string {
  if (!existsSync(path)) {
    throw new Error(`Missing shared test file: ${path} (tokenizers come from ../shared/models, see its README.md)`);
  }
  return path;
}

/** Folder of a real tokenizer under <modelsDir>/tokenizers, checked to hold tokenizer.json and vocab.txt. */
export function sharedTokenizerDir(name: string): string {
  const dir = localTokenizerDir(name);
  requireSharedPath(join(dir, 'tokenizer.json'));
  requireSharedPath(join(dir, 'tokenizer_config.json'));
  requireSharedPath(join(dir, 'vocab.txt'));
  return dir;
}

export const MINILM = 'all-MiniLM-L6-v2';
export const DISTILBERT_SST2 = 'distilbert-base-uncased-finetuned-sst-2-english';

import { join } from 'node:path';
import { modelsDir } from '@matrix/paths';

/** Folder of a tokenizer kept offline under `<modelsDir>/tokenizers/<name>`. */
export function localTokenizerDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(modelsDir(env), 'tokenizers', name);
}

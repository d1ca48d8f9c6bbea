import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer as HfCoreTokenizer } from '@huggingface/tokenizers';
import { HfTokenizer, type HfTokenizerConfig } from './hf-tokenizer';
import { TokenizerLoadError } from './tokenizer-load-error';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJsonObject(path: string, what: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'not found' : `unreadable (${code ?? String(error)})`;
    throw new TokenizerLoadError(`${what} ${reason}: ${path}`, path, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TokenizerLoadError(`Malformed ${what} (invalid JSON: ${(error as Error).message}): ${path}`, path, {
      cause: error,
    });
  }
  if (!isPlainObject(parsed)) {
    throw new TokenizerLoadError(`Malformed ${what} (expected a JSON object): ${path}`, path);
  }
  return parsed;
}

/**
 * Builds a tokenizer from already-parsed files (e.g. fetched from a hub by the
 * gateway); `source` only names them in errors.
 */
export function createHfTokenizer(tokenizerJson: unknown, tokenizerConfig: HfTokenizerConfig, source = 'tokenizer.json'): HfTokenizer {
  // The core library's own message for this ("must contain a decoder property") misleads.
  if (!isPlainObject(tokenizerJson) || !isPlainObject(tokenizerJson['model'])) {
    throw new TokenizerLoadError(`Malformed tokenizer.json (no "model" object): ${source}`, source);
  }
  try {
    return new HfTokenizer(new HfCoreTokenizer(tokenizerJson, tokenizerConfig), tokenizerConfig);
  } catch (error) {
    throw new TokenizerLoadError(`Unsupported tokenizer.json (${(error as Error).message}): ${source}`, source, {
      cause: error,
    });
  }
}

/**
 * Loads `tokenizer.json` and `tokenizer_config.json` from a folder, the two
 * files transformers.js reads for a tokenizer. Both are required.
 */
export async function loadHfTokenizer(dir: string): Promise<HfTokenizer> {
  const tokenizerPath = join(dir, 'tokenizer.json');
  // One after the other, so a folder missing both reports tokenizer.json every time.
  const tokenizerJson = await readJsonObject(tokenizerPath, 'tokenizer.json');
  const tokenizerConfig = await readJsonObject(join(dir, 'tokenizer_config.json'), 'tokenizer_config.json');
  return createHfTokenizer(tokenizerJson, tokenizerConfig, tokenizerPath);
}

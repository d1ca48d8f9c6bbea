import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINILM, sharedTokenizerDir } from '../test/shared-files';
import { createHfTokenizer, loadHfTokenizer } from './load-hf-tokenizer';
import { localTokenizerDir } from './local-tokenizer-dir';
import { TokenizerLoadError } from './tokenizer-load-error';

describe('loadHfTokenizer errors', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenization-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = JSON.stringify({ model_max_length: 512 });

  async function loadError(folder: string): Promise<TokenizerLoadError> {
    const error = await loadHfTokenizer(folder).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof TokenizerLoadError)) throw new Error(`expected a TokenizerLoadError, got ${String(error)}`);
    return error;
  }

  it('names the missing tokenizer.json', async () => {
    const error = await loadError(join(dir, 'no-such-model'));
    expect(error.message).toBe(`tokenizer.json not found: ${join(dir, 'no-such-model', 'tokenizer.json')}`);
    expect(error.path).toBe(join(dir, 'no-such-model', 'tokenizer.json'));
  });

  it('reports invalid JSON with the path', async () => {
    writeFileSync(join(dir, 'tokenizer.json'), '{ "model": ');
    writeFileSync(join(dir, 'tokenizer_config.json'), config);
    const error = await loadError(dir);
    expect(error.message).toMatch(/^Malformed tokenizer\.json \(invalid JSON: .+\): /);
    expect(error.message.endsWith(join(dir, 'tokenizer.json'))).toBe(true);
  });

  it('rejects JSON that is not an object', async () => {
    writeFileSync(join(dir, 'tokenizer.json'), '[]');
    writeFileSync(join(dir, 'tokenizer_config.json'), config);
    expect((await loadError(dir)).message).toBe(`Malformed tokenizer.json (expected a JSON object): ${join(dir, 'tokenizer.json')}`);
  });

  it('rejects an object without a tokenizer model', async () => {
    writeFileSync(join(dir, 'tokenizer.json'), '{"version": "1.0"}');
    writeFileSync(join(dir, 'tokenizer_config.json'), config);
    expect((await loadError(dir)).message).toBe(`Malformed tokenizer.json (no "model" object): ${join(dir, 'tokenizer.json')}`);
  });

  it('wraps what the tokenizer library cannot build', async () => {
    writeFileSync(join(dir, 'tokenizer.json'), '{"model": {"type": "NoSuchModel"}}');
    writeFileSync(join(dir, 'tokenizer_config.json'), config);
    const error = await loadError(dir);
    expect(error.message).toMatch(/^Unsupported tokenizer\.json \(.+\): /);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('requires tokenizer_config.json beside tokenizer.json', async () => {
    copyFileSync(join(sharedTokenizerDir(MINILM), 'tokenizer.json'), join(dir, 'tokenizer.json'));
    expect((await loadError(dir)).message).toBe(`tokenizer_config.json not found: ${join(dir, 'tokenizer_config.json')}`);
  });
});

describe('createHfTokenizer', () => {
  it('builds from parsed files, as the gateway does with files fetched from a hub', () => {
    const dir = sharedTokenizerDir(MINILM);
    const tokenizerJson: unknown = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));
    // A config without model_max_length means no limit, as in transformers.js.
    const tokenizer = createHfTokenizer(tokenizerJson, { pad_token: { __type: 'AddedToken', content: '[PAD]' } });
    // grep -n '^hello$' vocab.txt -> 7593 -> id 7592 (see hf-tokenizer.spec.ts).
    expect(tokenizer.encode('hello').ids).toEqual([101, 7592, 102]);
    expect(tokenizer.padTokenId).toBe(0);
    expect(tokenizer.unknownTokenId).toBeNull();
    expect(tokenizer.modelMaxLength).toBe(Infinity);
  });

  it("treats HF's VERY_LARGE_INTEGER model_max_length as no limit", () => {
    const dir = sharedTokenizerDir(MINILM);
    const tokenizerJson: unknown = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));
    expect(createHfTokenizer(tokenizerJson, { model_max_length: 1e30 }).modelMaxLength).toBe(Infinity);
  });
});

describe('localTokenizerDir', () => {
  it('places tokenizers under <modelsDir>/tokenizers', () => {
    expect(localTokenizerDir('all-MiniLM-L6-v2', { MODELS_DIR: '/models' })).toBe('/models/tokenizers/all-MiniLM-L6-v2');
  });
});

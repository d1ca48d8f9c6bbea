import { modelsDir } from '@matrix/paths';
import { ModelFileMissingError, ModelLoadFailedError } from '../errors';
import { sharedModelFile, tempDir } from '../testing/fixtures';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabels, parseLabels } from './load-labels';

describe('labels', () => {
  it('reads the shared ImageNet labels in class-index order', async () => {
    sharedModelFile('imagenet-labels/imagenet-simple-labels.json');
    const labels = await loadLabels(
      'm',
      { type: 'file', root: 'models-dir', path: 'imagenet-labels/imagenet-simple-labels.json', format: 'json-array' },
      undefined,
      modelsDir(),
    );
    // ImageNet-1k class 0 is n01440764 "tench", class 12 n01532829 "house finch", class 999 "toilet paper".
    expect(labels).toHaveLength(1000);
    expect([labels?.[0], labels?.[12], labels?.[999]]).toEqual(['tench', 'house finch', 'toilet paper']);
  });

  it('reads id2label from a transformers config.json (the shared DistilBERT SST-2 one)', async () => {
    sharedModelFile('tokenizers/distilbert-base-uncased-finetuned-sst-2-english/config.json');
    const labels = await loadLabels(
      'm',
      { type: 'file', root: 'models-dir', path: 'tokenizers/distilbert-base-uncased-finetuned-sst-2-english/config.json', format: 'json-id2label' },
      undefined,
      modelsDir(),
    );
    expect(labels).toEqual(['NEGATIVE', 'POSITIVE']);
  });

  it('parses lines and rejects gaps in id2label', () => {
    expect(parseLabels('cat\r\ndog\n\n', 'lines')).toEqual(['cat', 'dog']);
    expect(() => parseLabels('{"0":"a","2":"c"}', 'json-id2label')).toThrow('not contiguous');
  });

  it('reports a missing or malformed labels file with a ModelLoadingError', async () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, 'bad.json'), '{"not":"an array"}');
    try {
      await expect(loadLabels('m', { type: 'file', root: 'source', path: 'absent.json', format: 'json-array' }, dir.path, modelsDir())).rejects.toBeInstanceOf(
        ModelFileMissingError,
      );
      await expect(loadLabels('m', { type: 'file', root: 'source', path: 'bad.json', format: 'json-array' }, dir.path, modelsDir())).rejects.toBeInstanceOf(
        ModelLoadFailedError,
      );
    } finally {
      dir.remove();
    }
  });
});

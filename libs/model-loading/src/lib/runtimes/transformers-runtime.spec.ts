import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelFileMissingError, RuntimeUnavailableError } from '../errors';
import { modelEntrySchema } from '../manifest/manifest-schema';
import type { ResolvedModel } from '../resolution/resolve-model';
import { offlineSettings, tempDir } from '../testing/fixtures';
import { onnxCudaUnavailableReason } from './onnx-cuda';
import { transformersPipelineRequest, transformersRuntime } from './transformers-runtime';

const scratch = tempDir();
afterAll(() => scratch.remove());

const minilm = modelEntrySchema.parse({
  id: 'all-minilm-l6-v2',
  task: 'text-embedding',
  runtime: 'transformers.js',
  source: { type: 'hub', id: 'Xenova/all-MiniLM-L6-v2', revision: 'v1.0' },
  dtype: 'q8',
});
const downloaded: ResolvedModel = {
  modelId: 'all-minilm-l6-v2',
  location: 'hub-download',
  files: [],
  hub: { id: 'Xenova/all-MiniLM-L6-v2', revision: 'v1.0' },
  searched: [],
};

describe('transformers.js option mapping', () => {
  it('downloads by hub id and revision when remote models are allowed', () => {
    const settings = offlineSettings(scratch.path, { allowRemoteModels: true, device: 'auto' });
    expect(transformersPipelineRequest(minilm, downloaded, settings)).toEqual({
      task: 'feature-extraction',
      model: 'Xenova/all-MiniLM-L6-v2',
      options: { revision: 'v1.0', device: 'cpu', dtype: 'q8', local_files_only: false, cache_dir: settings.hubCacheDir },
      env: { localModelPath: `${settings.modelsDir}/`, allowLocalModels: true, allowRemoteModels: true, cacheDir: `${settings.hubCacheDir}/` },
      deviceSkipped: [{ candidate: 'cuda', reason: onnxCudaUnavailableReason() }],
    });
  });

  it('loads a folder found on disk by its path, local files only, remote off', () => {
    const settings = offlineSettings(scratch.path, { allowRemoteModels: true, device: 'cpu' });
    const found: ResolvedModel = { ...downloaded, location: 'models-dir', dir: '/models/Xenova/all-MiniLM-L6-v2' };
    const request = transformersPipelineRequest(minilm, found, settings);
    expect(request.model).toBe('/models/Xenova/all-MiniLM-L6-v2');
    expect(request.options).toMatchObject({ revision: undefined, device: 'cpu', local_files_only: true });
    expect(request.env.allowRemoteModels).toBe(false);
    expect(request.deviceSkipped).toEqual([{ candidate: 'cuda', reason: 'device set to cpu' }]);
  });

  it('maps every task it can and refuses tabular scoring', () => {
    const settings = offlineSettings(scratch.path);
    const taskOf = (task: string) => transformersPipelineRequest({ ...minilm, task: task as never }, downloaded, settings).task;
    expect(['text-classification', 'image-classification', 'object-detection', 'zero-shot-image-classification'].map(taskOf)).toEqual([
      'text-classification',
      'image-classification',
      'object-detection',
      'zero-shot-image-classification',
    ]);
    expect(() => taskOf('tabular-scoring')).toThrow(RuntimeUnavailableError);
  });

  it('an explicit cuda device is passed through for onnxruntime to honour or refuse', () => {
    const settings = offlineSettings(scratch.path, { device: 'cuda' });
    expect(transformersPipelineRequest(minilm, downloaded, settings).options.device).toBe('cuda');
  });
});

describe('transformers.js loading offline', () => {
  it('fails fast with ModelFileMissingError when the local folder lacks the weights', async () => {
    // A folder with a config.json but no onnx/ weights, like ../shared/models/tokenizers/*.
    const dir = join(scratch.path, 'Xenova', 'all-MiniLM-L6-v2');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'] }));
    const settings = offlineSettings(scratch.path, { modelsDir: scratch.path });
    const resolved: ResolvedModel = { ...downloaded, location: 'models-dir', dir };
    const started = Date.now();
    const error = await transformersRuntime.load({ entry: minilm, resolved, settings }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(ModelFileMissingError);
    expect((error as ModelFileMissingError).file).toBe(join(dir, 'onnx', 'model_quantized.onnx'));
  });
});

import { join } from 'node:path';
import { ModelNotReadyError, UnknownModelError } from '../errors';
import { loadManifestFile } from '../manifest/parse-manifest';
import { ModelManifest, modelEntrySchema } from '../manifest/manifest-schema';
import { bundledManifestsDir } from '../manifests-dir';
import type { ModelHandle, ModelRuntime } from '../runtimes/model-handle';
import { offlineSettings, sharedModelFile, tempDir } from '../testing/fixtures';
import { ModelRepository, ModelRepositoryEvent } from './model-repository';

const scratch = tempDir();
afterAll(() => scratch.remove());

describe('ModelRepository with the shipped manifests, offline', () => {
  let repository: ModelRepository;
  const events: ModelRepositoryEvent[] = [];

  beforeAll(async () => {
    sharedModelFile('mobilenetv2-12-int8/mobilenetv2-12-int8.onnx');
    const offline = await loadManifestFile(join(bundledManifestsDir(), 'offline.yaml'));
    const hub = await loadManifestFile(join(bundledManifestsDir(), 'hub.yaml'));
    const manifest: ModelManifest = { manifestVersion: 1, models: [...offline.models, ...hub.models.slice(0, 1)] };
    repository = new ModelRepository(manifest, { settings: offlineSettings(scratch.path), onEvent: (event) => events.push(event) });
    await repository.loadAutoloaded();
  });
  afterAll(() => repository.unloadAll());

  it('serves what exists here and reports the hub model as failed, with the reason', () => {
    const states = Object.fromEntries(repository.index().map((status) => [status.id, status.state]));
    expect(states).toEqual({ 'use-lite-en': 'READY', 'mobilenetv2-int8': 'READY', 'centernet-coco': 'UNLOADED', 'distilbert-sst2': 'FAILED' });
    expect(repository.status('distilbert-sst2').reason).toMatchObject({ code: 'MODEL_FILE_MISSING' });
    expect(repository.status('distilbert-sst2').reason?.message).toContain('MATRIX_ALLOW_REMOTE_MODELS=1');
    expect(events.map((event) => `${event.type}:${event.status.id}`)).toEqual(['loaded:use-lite-en', 'loaded:mobilenetv2-int8', 'failed:distilbert-sst2']);
  });

  it('reports device, location, labels and timings per model', () => {
    const mobilenet = repository.status('mobilenetv2-int8');
    expect(mobilenet).toMatchObject({
      version: '12',
      location: 'models-dir',
      labelCount: 1000,
      memoryMb: 40,
      device: { device: 'cpu', backend: 'onnxruntime-node/cpu' },
    });
    expect(mobilenet.timings?.totalMs).toBeGreaterThan(0);
    expect(repository.labels('mobilenetv2-int8')?.[12]).toBe('house finch');
    expect(repository.status('use-lite-en')).toMatchObject({ location: 'npm', device: { device: 'cpu', backend: 'tfjs/wasm' } });
  });

  it('unloads and reloads at run time', async () => {
    await expect(repository.unload('mobilenetv2-int8')).resolves.toMatchObject({ state: 'UNLOADED' });
    expect(() => repository.handle('mobilenetv2-int8')).toThrow(ModelNotReadyError);
    await expect(repository.load('mobilenetv2-int8')).resolves.toMatchObject({ state: 'READY' });
    expect(repository.handle('mobilenetv2-int8').kind).toBe('tensor');
  });

  it('loads an on-demand model when asked', async () => {
    await expect(repository.load('centernet-coco')).resolves.toMatchObject({ state: 'READY', labelCount: 80 });
  });

  it('refuses an id the manifest does not list', () => {
    expect(() => repository.status('gpt-5')).toThrow(UnknownModelError);
  });
});

describe('ModelRepository bookkeeping', () => {
  const entry = modelEntrySchema.parse({
    id: 'mobilenet',
    task: 'image-classification',
    runtime: 'onnxruntime',
    source: { type: 'local', path: 'mobilenetv2-12-int8' },
    files: [{ path: 'mobilenetv2-12-int8.onnx', sha256: '83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f' }],
  });

  function countingRuntime(): ModelRuntime & { loads: number; disposals: number } {
    const runtime = {
      name: 'onnxruntime' as const,
      loads: 0,
      disposals: 0,
      async load(): Promise<ModelHandle> {
        runtime.loads++;
        await new Promise((done) => setTimeout(done, 20));
        return {
          kind: 'tensor',
          modelId: 'mobilenet',
          version: '1',
          runtime: 'onnxruntime',
          device: { device: 'cpu', backend: 'fake', skipped: [] },
          inputs: [],
          outputs: [],
          loadTimeMs: 20,
          infer: async () => ({}),
          dispose: async () => {
            runtime.disposals++;
          },
        };
      },
    };
    return runtime;
  }

  it('shares one load between concurrent callers', async () => {
    const runtime = countingRuntime();
    const repository = new ModelRepository(
      { manifestVersion: 1, models: [entry] },
      { settings: offlineSettings(scratch.path), runtimes: new Map([['onnxruntime', runtime]]) },
    );
    const [a, b] = await Promise.all([repository.load('mobilenet'), repository.load('mobilenet')]);
    expect([a.state, b.state, runtime.loads]).toEqual(['READY', 'READY', 1]);
    await repository.unloadAll();
    expect(runtime.disposals).toBe(1);
  });

  it('marks a model with a wrong checksum FAILED and never calls the runtime', async () => {
    const runtime = countingRuntime();
    const tampered = { ...entry, files: [{ path: entry.files[0].path, sha256: '0'.repeat(64) }] };
    const repository = new ModelRepository(
      { manifestVersion: 1, models: [tampered] },
      { settings: offlineSettings(scratch.path), runtimes: new Map([['onnxruntime', runtime]]) },
    );
    await expect(repository.load('mobilenet')).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    expect(repository.status('mobilenet')).toMatchObject({ state: 'FAILED', reason: { code: 'CHECKSUM_MISMATCH' } });
    expect(runtime.loads).toBe(0);
  });

  it('disposes the handle when warm-up fails', async () => {
    const runtime = countingRuntime();
    const needsTensors = { ...entry, warmup: { runs: 1, text: ['pipeline-style warm-up for a tensor model'] } };
    const repository = new ModelRepository(
      { manifestVersion: 1, models: [needsTensors] },
      { settings: offlineSettings(scratch.path), runtimes: new Map([['onnxruntime', runtime]]) },
    );
    await expect(repository.load('mobilenet')).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    expect([runtime.loads, runtime.disposals]).toEqual([1, 1]);
  });
});

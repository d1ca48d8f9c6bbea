import { homedir } from 'node:os';
import { join } from 'node:path';
import { modelsDir } from '@matrix/paths';
import { SettingsValidationError } from './errors';
import { loadModelLoadingSettings } from './settings';

describe('loadModelLoadingSettings', () => {
  it('is offline, auto-device and bounded by default', () => {
    expect(loadModelLoadingSettings({})).toEqual({
      modelsDir: modelsDir({}),
      allowRemoteModels: false,
      device: 'auto',
      hubEndpoint: 'https://huggingface.co',
      hubCacheDir: join(homedir(), '.cache', 'matrix-models'),
      hfHome: join(homedir(), '.cache', 'huggingface'),
      networkTimeoutMs: 5000,
      onnxIntraOpThreads: undefined,
      onnxInt8Precision: 'auto',
      tfjsBackends: ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'],
    });
  });

  it('reads every variable', () => {
    const settings = loadModelLoadingSettings({
      MODELS_DIR: '/srv/models',
      MATRIX_ALLOW_REMOTE_MODELS: '1',
      MATRIX_DEVICE: 'cuda',
      HF_ENDPOINT: 'https://hf-mirror.example/',
      MATRIX_MODEL_CACHE_DIR: '/var/cache/models',
      HF_HOME: '/var/hf',
      MATRIX_NETWORK_TIMEOUT_MS: '750',
      MATRIX_ORT_INTRA_OP_THREADS: '2',
      MATRIX_ORT_INT8_PRECISION: 'exact',
      MATRIX_TFJS_BACKENDS: 'wasm, cpu',
    });
    expect(settings).toEqual({
      modelsDir: '/srv/models',
      allowRemoteModels: true,
      device: 'cuda',
      hubEndpoint: 'https://hf-mirror.example',
      hubCacheDir: '/var/cache/models',
      hfHome: '/var/hf',
      networkTimeoutMs: 750,
      onnxIntraOpThreads: 2,
      onnxInt8Precision: 'exact',
      tfjsBackends: ['wasm', 'cpu'],
    });
  });

  it('treats anything but 1/true/yes/on as "remote models off"', () => {
    expect(loadModelLoadingSettings({ MATRIX_ALLOW_REMOTE_MODELS: '0' }).allowRemoteModels).toBe(false);
    expect(loadModelLoadingSettings({ MATRIX_ALLOW_REMOTE_MODELS: 'TRUE' }).allowRemoteModels).toBe(true);
  });

  it('rejects a bad value naming the variable and the allowed values', () => {
    expect(() => loadModelLoadingSettings({ MATRIX_DEVICE: 'gpu' })).toThrow(SettingsValidationError);
    expect(() => loadModelLoadingSettings({ MATRIX_DEVICE: 'gpu' })).toThrow(/MATRIX_DEVICE: .*"auto"\|"cpu"\|"cuda"/);
    expect(() => loadModelLoadingSettings({ MATRIX_TFJS_BACKENDS: 'webgl' })).toThrow(/MATRIX_TFJS_BACKENDS\[0\]/);
    expect(() => loadModelLoadingSettings({ MATRIX_ORT_INT8_PRECISION: 'int16' })).toThrow(/MATRIX_ORT_INT8_PRECISION: .*"auto"\|"exact"\|"fast"/);
  });
});

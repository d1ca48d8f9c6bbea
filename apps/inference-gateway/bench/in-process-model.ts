import { bundledManifestsDir, defaultRuntimes, loadManifestFile, loadModelLoadingSettings, ModelRepository } from '@matrix/model-loading';
import { pooledRuntimes } from '../src/models/worker-pool/pooled-runtime';
import { join } from 'node:path';
import type { AdapterContext } from '../src/tasks/task-adapter';

/**
 * Loads one manifest model in this process, exactly as the gateway would (same manifest, same
 * runtime and instances, same task adapter), so benchmarks and evaluations can compare HTTP with direct calls.
 */
export async function loadInProcess(
  modelId: string,
  manifestPath = join(bundledManifestsDir(), 'offline.yaml'),
): Promise<{ ctx: AdapterContext; dispose: () => Promise<void> }> {
  const manifest = await loadManifestFile(manifestPath);
  const repository = new ModelRepository(manifest, { settings: loadModelLoadingSettings(), runtimes: pooledRuntimes(defaultRuntimes()) });
  const status = await repository.load(modelId);
  const ctx: AdapterContext = {
    entry: repository.entry(modelId),
    handle: repository.handle(modelId),
    status,
    labels: repository.labels(modelId),
  };
  return { ctx, dispose: () => repository.unloadAll() };
}

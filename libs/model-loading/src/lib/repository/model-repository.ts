import { ModelLoadFailedError, ModelLoadingError, ModelNotReadyError, UnknownModelError } from '../errors';
import { verifyModelFiles } from '../integrity/verify-files';
import { loadLabels } from '../labels/load-labels';
import type { ModelEntry, ModelManifest } from '../manifest/manifest-schema';
import type { ModelRuntimeName, ModelTask } from '../manifest/vocabulary';
import { resolveModel, ModelLocationKind, ResolveOptions } from '../resolution/resolve-model';
import type { DeviceReport, ModelHandle } from '../runtimes/model-handle';
import { defaultRuntimes, runtimeFor, RuntimeRegistry } from '../runtimes/runtime-registry';
import type { ModelLoadingSettings } from '../settings';
import { warmUp } from './warm-up';

/** Life cycle of one model in the gateway (Triton's repository index uses the same words). */
export type ModelState = 'UNLOADED' | 'LOADING' | 'READY' | 'UNLOADING' | 'FAILED';

export interface LoadTimings {
  resolveMs: number;
  verifyMs: number;
  loadMs: number;
  warmupMs: number;
  totalMs: number;
}

export interface ModelStatus {
  id: string;
  version: string;
  task: ModelTask;
  runtime: ModelRuntimeName;
  state: ModelState;
  /** Why the model is FAILED: the ModelLoadingError code and message. */
  reason?: { code: string; message: string };
  device?: DeviceReport;
  location?: ModelLocationKind;
  /** Model folder (or remote URL) it was loaded from. */
  from?: string;
  timings?: LoadTimings;
  memoryMb?: number;
  labelCount?: number;
  loadedAt?: string;
}

export type ModelRepositoryEvent =
  | { type: 'loaded'; status: ModelStatus }
  | { type: 'failed'; status: ModelStatus; error: ModelLoadingError }
  | { type: 'unloaded'; status: ModelStatus };

export interface ModelRepositoryOptions {
  settings: ModelLoadingSettings;
  runtimes?: RuntimeRegistry;
  /** Verify manifest checksums on each load (default true). */
  verifyChecksums?: boolean;
  resolveOptions?: ResolveOptions;
  /** For metrics and logs (model load time, failures by code). */
  onEvent?: (event: ModelRepositoryEvent) => void;
}

interface Slot {
  entry: ModelEntry;
  status: ModelStatus;
  handle?: ModelHandle;
  labels?: string[];
  /** Serialises load/unload of this model: a second call waits for the first. */
  busy: Promise<unknown>;
}

/**
 * The gateway's model repository: loads and unloads manifest models at run time and reports each
 * one's state, device and timings. One model failing never affects the others. Framework-free; the
 * NestJS gateway wraps it in a provider.
 */
export class ModelRepository {
  private readonly slots = new Map<string, Slot>();
  private readonly runtimes: RuntimeRegistry;

  constructor(
    manifest: ModelManifest,
    private readonly options: ModelRepositoryOptions,
  ) {
    this.runtimes = options.runtimes ?? defaultRuntimes();
    for (const entry of manifest.models)
      this.slots.set(key(entry.id, entry.version), {
        entry,
        status: { id: entry.id, version: entry.version, task: entry.task, runtime: entry.runtime, state: 'UNLOADED', memoryMb: entry.memoryMb },
        busy: Promise.resolve(),
      });
  }

  /**
   * Adds a model at run time (Triton's load-with-config): a product registering the head it just
   * trained. A new id@version gets a slot; an existing one is unloaded and replaced.
   */
  async register(entry: ModelEntry): Promise<ModelStatus> {
    const k = key(entry.id, entry.version);
    const existing = this.slots.get(k);
    if (existing) await this.unload(entry.id, entry.version);
    const slot: Slot = existing ?? {
      entry,
      status: { id: entry.id, version: entry.version, task: entry.task, runtime: entry.runtime, state: 'UNLOADED', memoryMb: entry.memoryMb },
      busy: Promise.resolve(),
    };
    slot.entry = entry;
    slot.status = { id: entry.id, version: entry.version, task: entry.task, runtime: entry.runtime, state: 'UNLOADED', memoryMb: entry.memoryMb };
    this.slots.set(k, slot);
    return { ...slot.status };
  }

  /** Every manifest model with its state (the repository index). */
  index(): ModelStatus[] {
    return [...this.slots.values()].map((slot) => ({ ...slot.status }));
  }

  entry(id: string, version?: string): ModelEntry {
    return this.slot(id, version).entry;
  }

  status(id: string, version?: string): ModelStatus {
    return { ...this.slot(id, version).status };
  }

  /** The loaded handle, or ModelNotReadyError (the gateway answers 503 / "not ready"). */
  handle(id: string, version?: string): ModelHandle {
    const slot = this.slot(id, version);
    if (slot.status.state !== 'READY' || !slot.handle) throw new ModelNotReadyError(slot.entry.id, slot.status.state, slot.status.reason?.message);
    return slot.handle;
  }

  labels(id: string, version?: string): string[] | undefined {
    return this.slot(id, version).labels;
  }

  /** Loads one model (no-op when READY). Records FAILED with the reason and rethrows the ModelLoadingError. */
  load(id: string, version?: string): Promise<ModelStatus> {
    const slot = this.slot(id, version);
    return this.serialise(slot, () => this.doLoad(slot));
  }

  /** Start-up: loads every `autoload` model one after another; never throws, failures are in the statuses. */
  async loadAutoloaded(): Promise<ModelStatus[]> {
    const statuses: ModelStatus[] = [];
    for (const slot of this.slots.values()) {
      if (!slot.entry.autoload) continue;
      statuses.push(await this.load(slot.entry.id, slot.entry.version).catch(() => ({ ...slot.status })));
    }
    return statuses;
  }

  unload(id: string, version?: string): Promise<ModelStatus> {
    const slot = this.slot(id, version);
    return this.serialise(slot, () => this.doUnload(slot));
  }

  /** Graceful shutdown: frees every model. */
  async unloadAll(): Promise<void> {
    await Promise.all([...this.slots.values()].map((slot) => this.unload(slot.entry.id, slot.entry.version)));
  }

  private slot(id: string, version?: string): Slot {
    if (version !== undefined) {
      const slot = this.slots.get(key(id, version));
      if (slot) return slot;
    } else {
      // Without a version: the last one listed for that id (manifests list versions oldest first).
      const matches = [...this.slots.values()].filter((slot) => slot.entry.id === id);
      if (matches.length > 0) return matches[matches.length - 1];
    }
    throw new UnknownModelError(
      version ? `${id}@${version}` : id,
      [...this.slots.values()].map((slot) => `${slot.entry.id}@${slot.entry.version}`),
    );
  }

  private serialise<T>(slot: Slot, operation: () => Promise<T>): Promise<T> {
    const next = slot.busy.then(operation, operation);
    slot.busy = next.catch(() => undefined);
    return next;
  }

  private async doLoad(slot: Slot): Promise<ModelStatus> {
    if (slot.status.state === 'READY') return { ...slot.status };
    const { entry } = slot;
    const { settings } = this.options;
    slot.status = { ...slot.status, state: 'LOADING', reason: undefined };
    const t0 = performance.now();
    let handle: ModelHandle | undefined;
    try {
      const resolved = await resolveModel(entry, settings, this.options.resolveOptions);
      const t1 = performance.now();
      if (this.options.verifyChecksums !== false) await verifyModelFiles(resolved);
      const t2 = performance.now();
      const labels = await loadLabels(entry.id, entry.labels, resolved.dir, settings.modelsDir);
      handle = await runtimeFor(this.runtimes, entry.runtime).load({ entry, resolved, settings });
      const t3 = performance.now();
      if (entry.warmup) await warmUp(handle, entry.warmup);
      const t4 = performance.now();
      slot.handle = handle;
      slot.labels = labels;
      slot.status = {
        ...slot.status,
        state: 'READY',
        device: handle.device,
        location: resolved.location,
        from: resolved.dir ?? resolved.remote?.url ?? resolved.hub?.id,
        timings: { resolveMs: t1 - t0, verifyMs: t2 - t1, loadMs: t3 - t2, warmupMs: t4 - t3, totalMs: t4 - t0 },
        labelCount: labels?.length,
        loadedAt: new Date().toISOString(),
      };
      this.options.onEvent?.({ type: 'loaded', status: { ...slot.status } });
      return { ...slot.status };
    } catch (caught) {
      await handle?.dispose().catch(() => undefined);
      const error = caught instanceof ModelLoadingError ? caught : new ModelLoadFailedError(entry.id, 'warm-up or set-up', caught);
      slot.status = { ...slot.status, state: 'FAILED', reason: { code: error.code, message: error.message }, device: undefined };
      this.options.onEvent?.({ type: 'failed', status: { ...slot.status }, error });
      throw error;
    }
  }

  private async doUnload(slot: Slot): Promise<ModelStatus> {
    if (slot.handle) {
      slot.status = { ...slot.status, state: 'UNLOADING' };
      const handle = slot.handle;
      slot.handle = undefined;
      await handle.dispose();
    }
    slot.labels = undefined;
    slot.status = {
      id: slot.status.id,
      version: slot.status.version,
      task: slot.status.task,
      runtime: slot.status.runtime,
      state: 'UNLOADED',
      memoryMb: slot.entry.memoryMb,
    };
    this.options.onEvent?.({ type: 'unloaded', status: { ...slot.status } });
    return { ...slot.status };
  }
}

function key(id: string, version: string): string {
  return `${id}@${version}`;
}

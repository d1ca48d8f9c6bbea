import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  defaultRuntimes,
  loadManifestFile,
  loadModelLoadingSettings,
  ModelEntry,
  ModelManifest,
  ModelRepository,
  ModelRepositoryEvent,
  ModelStatus,
  UnknownModelError,
} from '@matrix/model-loading';
import { GATEWAY_CONFIG } from '../config/gateway-config.provider';
import type { GatewayConfig } from '../config/gateway-config';
import { InsufficientMemoryError, InvalidInputError, ModelNotFoundError, ModelNotReadyError } from '../errors/gateway-errors';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { prepareRegistration } from './model-registration';
import { newRevision, RegistryRecord, SharedModelRegistry } from './shared-registry';
import { pickEvictions } from './residency';
import { ServedModel } from './served-model';
import { pooledRuntimes } from './worker-pool/pooled-runtime';

export interface ModelView extends ModelStatus {
  /** Requests using the model now, and requests waiting in its queues. */
  inUse: number;
  queueDepth: number;
}

/**
 * The gateway's model repository: loads the manifest, keeps models resident within the memory
 * budget (LRU eviction of idle models, reference counts for busy ones), and hands routes a
 * ServedModel for the duration of a request.
 */
@Injectable()
export class ModelService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ModelService');
  private manifest!: ModelManifest;
  private repository!: ModelRepository;
  private readonly served = new Map<string, ServedModel>();
  private readonly pendingUsers = new Map<string, number>();
  private startupDone = false;
  private shuttingDown = false;
  private startup: Promise<void> | undefined;
  /** The shared model registry (records in the model store) and the record revision each id@version here reflects. */
  private readonly registry: SharedModelRegistry;
  private readonly applied = new Map<string, string>();
  private scanning?: Promise<void>;
  private lastScanAt = 0;
  private scanTimer?: NodeJS.Timeout;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: GatewayMetrics,
  ) {
    this.registry = new SharedModelRegistry(config.modelStoreDir);
  }

  async onModuleInit(): Promise<void> {
    this.manifest = await loadManifestFile(this.config.manifestPath);
    this.repository = new ModelRepository(this.manifest, {
      settings: loadModelLoadingSettings(),
      runtimes: pooledRuntimes(defaultRuntimes()),
      onEvent: (event) => this.onRepositoryEvent(event),
    });
    // Models load in the background: the server answers liveness at once, readiness when done.
    // Registrations from the shared registry first (so a restarted or added replica serves them), then the manifest's autoloads.
    this.startup = this.scanRegistry('await')
      .catch((error: Error) => this.logger.warn(`model registry scan failed: ${error.message}`))
      .then(() => this.loadAutoloaded());
    if (this.config.registryRescanMs > 0) {
      this.scanTimer = setInterval(
        () => void this.scanRegistry('background').catch((error: Error) => this.logger.warn(`model registry scan failed: ${error.message}`)),
        this.config.registryRescanMs,
      );
      this.scanTimer.unref();
    }
  }

  /**
   * Applies the shared registry: every record whose revision this replica has not applied yet is
   * registered here (replacing the local entry, draining its requests), and loaded when its state is
   * 'loaded' ('unloaded' frees it; the next request loads it on demand). One scan at a time: callers
   * during a scan share it.
   */
  scanRegistry(loads: 'await' | 'background'): Promise<void> {
    this.scanning ??= this.doScan(loads).finally(() => {
      this.scanning = undefined;
      this.lastScanAt = Date.now();
    });
    return this.scanning;
  }

  /** A fresh scan unless one finished within `maxAgeMs` (listings and misses refresh from the registry this way). */
  async refreshRegistry(maxAgeMs: number): Promise<void> {
    if (this.scanning) return this.scanning;
    if (Date.now() - this.lastScanAt <= maxAgeMs) return;
    await this.scanRegistry('background').catch((error: Error) => this.logger.warn(`model registry scan failed: ${error.message}`));
  }

  private async doScan(loads: 'await' | 'background'): Promise<void> {
    const records = await this.registry.list((file, reason) => this.logger.warn(`ignoring model registry record ${file}: ${reason}`));
    const toLoad: Array<Promise<unknown>> = [];
    for (const { record, entry } of records) {
      const k = key(record.id, record.version);
      if (this.applied.get(k) === record.revision || this.shuttingDown) continue;
      const mismatch = await this.registry.verifyFiles(record, entry);
      if (mismatch) {
        this.logger.warn(`model registry record ${k} (revision ${record.revision}) not applied yet: ${mismatch}`);
        continue; // tried again on the next scan
      }
      const wasRegistered = this.known(record.id, record.version);
      const sameEntry = wasRegistered && this.appliedChecksum.get(k) === record.checksum;
      if (!sameEntry) {
        await this.replaceLocal(entry);
        this.logger.log(`registry: ${wasRegistered ? 'replaced' : 'registered'} ${k} (revision ${record.revision})`);
      }
      this.applied.set(k, record.revision);
      this.appliedChecksum.set(k, record.checksum);
      if (record.state === 'unloaded') {
        if (this.served.has(k)) {
          this.logger.log(`registry: unloading ${k} (unloaded on another replica)`);
          await this.unload(record.id, record.version);
        }
      } else {
        const load = this.load(record.id, record.version).catch((error: Error) => this.logger.warn(`registry: ${k} failed to load: ${error.message}`));
        toLoad.push(load);
      }
    }
    if (loads === 'await') await Promise.all(toLoad);
  }

  private readonly appliedChecksum = new Map<string, string>();

  private known(id: string, version?: string): boolean {
    try {
      this.repository.entry(id, version);
      return true;
    } catch {
      return false;
    }
  }

  /** Registers an entry here (draining the model it replaces) without loading it. */
  private async replaceLocal(entry: ModelEntry): Promise<void> {
    const k = key(entry.id, entry.version);
    const served = this.served.get(k);
    if (served) {
      this.served.delete(k);
      await served.drain('the model is being replaced');
    }
    await this.repository.register(entry);
    this.manifest = { ...this.manifest, models: [...this.manifest.models.filter((m) => key(m.id, m.version) !== k), entry] };
  }

  /** Like entry(), but a model this replica does not know is looked up in the shared registry first (registered on another replica). */
  async discover(id: string, version?: string): Promise<ModelEntry> {
    if (!this.known(id, version)) await this.refreshRegistry(0);
    return this.entry(id, version);
  }

  /** status() after discover(): the readiness and metadata routes answer for models registered on any replica. */
  async discoveredStatus(id: string, version?: string): Promise<ModelView> {
    await this.discover(id, version);
    return this.status(id, version);
  }

  /** Resolves once the start-up loads have finished (ready or failed). */
  whenStarted(): Promise<void> {
    return this.startup ?? Promise.resolve();
  }

  get started(): boolean {
    return this.startupDone;
  }

  private async loadAutoloaded(): Promise<void> {
    for (const entry of this.manifest.models.filter((m) => m.autoload)) {
      await this.load(entry.id, entry.version).catch((error: Error) => this.logger.warn(`model ${entry.id}@${entry.version} failed to load: ${error.message}`));
    }
    this.startupDone = true;
    const ready = this.index()
      .filter((m) => m.state === 'READY')
      .map((m) => `${m.id}@${m.version} (${m.device?.backend})`);
    this.logger.log(`models ready: ${ready.join(', ') || 'none'}`);
  }

  private onRepositoryEvent(event: ModelRepositoryEvent): void {
    const { status } = event;
    if (event.type === 'loaded') {
      this.metrics.modelLoadDuration.observe({ model: status.id }, (status.timings?.totalMs ?? 0) / 1000);
      this.metrics.modelReady.set({ model: status.id, version: status.version, device: status.device?.backend ?? 'unknown' }, 1);
      this.logger.log(`loaded ${status.id}@${status.version} on ${status.device?.backend} in ${Math.round(status.timings?.totalMs ?? 0)} ms`);
    } else if (event.type === 'failed') {
      this.metrics.errors.inc({ model: status.id, kind: `load_${event.error.code}` });
      this.logger.error(`model ${status.id}@${status.version} is not ready: ${event.error.message}`);
    } else {
      this.metrics.modelReady.reset();
      for (const m of this.index().filter((s) => s.state === 'READY')) {
        this.metrics.modelReady.set({ model: m.id, version: m.version, device: m.device?.backend ?? 'unknown' }, 1);
      }
      this.logger.log(`unloaded ${status.id}@${status.version}`);
    }
  }

  entries(): ModelEntry[] {
    return this.manifest.models;
  }

  /** Every model in the manifest with its state, device, queue depth and users (the repository index). */
  index(): ModelView[] {
    return this.repository.index().map((status) => this.view(status));
  }

  status(id: string, version?: string): ModelView {
    return this.view(this.repositoryCall(() => this.repository.status(id, version)));
  }

  entry(id: string, version?: string): ModelEntry {
    return this.repositoryCall(() => this.repository.entry(id, version));
  }

  private view(status: ModelStatus): ModelView {
    const served = this.served.get(key(status.id, status.version));
    return { ...status, inUse: served?.inUse ?? 0, queueDepth: served?.queueDepth ?? 0 };
  }

  /** Model-control load: makes room within the memory budget, loads, and starts serving. */
  async load(id: string, version?: string): Promise<ModelView> {
    const entry = this.entry(id, version);
    const k = key(entry.id, entry.version);
    if (!this.served.has(k)) {
      await this.makeRoom(entry);
      const status = await this.repository.load(entry.id, entry.version);
      if (!this.served.has(k)) {
        const handle = this.repository.handle(entry.id, entry.version);
        const served = await ServedModel.create(
          { entry, handle, status, labels: this.repository.labels(entry.id, entry.version) },
          {
            batching: this.config.batching,
            observer: {
              onBatch: (e) => this.metrics.observeBatch(e),
              onAdmission: (e) => this.metrics.observeAdmission(e),
              onRejected: (model, kind) => this.metrics.errors.inc({ model, kind }),
            },
          },
        ).catch(async (error: Error) => {
          // The weights loaded but the task cannot use them (e.g. inputs its preprocessing does not feed): free them, say why.
          await this.repository.unload(entry.id, entry.version);
          throw new InvalidInputError(`model '${entry.id}' version ${entry.version} loaded but cannot be served: ${error.message}`);
        });
        this.served.set(k, served);
      }
    }
    return this.status(entry.id, entry.version);
  }

  /**
   * Load with config (Triton): registers (or replaces) an entry, with its uploaded files, loads it,
   * and then writes the shared registry record, so every replica serves it (a registration that does
   * not load here is not published). The same content registered again (e.g. by each product replica
   * at boot) changes nothing: no new revision, no reload anywhere.
   */
  async register(name: string, parameters: Record<string, unknown>): Promise<ModelView> {
    const prepared = await prepareRegistration(name, parameters, this.config.modelStoreDir);
    const { entry } = prepared;
    const k = key(entry.id, entry.version);
    const previous = await this.registry.read(entry.id, entry.version);
    if (previous?.checksum === prepared.checksum && previous.state === 'loaded' && this.appliedChecksum.get(k) === prepared.checksum) {
      return this.load(entry.id, entry.version);
    }
    await this.replaceLocal(entry);
    this.logger.log(`registered ${entry.id}@${entry.version} (${entry.task}, ${entry.runtime})`);
    const view = await this.load(entry.id, entry.version).catch((error: unknown) => {
      // Not published; the next scan puts the registry's version (if any) back on this replica.
      this.applied.delete(k);
      this.appliedChecksum.delete(k);
      throw error;
    });
    const now = Date.now();
    const record: RegistryRecord = {
      schema: 1,
      id: entry.id,
      version: entry.version,
      revision: newRevision(),
      firstRegisteredAt: previous?.firstRegisteredAt ?? now,
      registeredAt: now,
      checksum: prepared.checksum,
      files: prepared.files,
      state: 'loaded',
      entry: entry as unknown as Record<string, unknown>,
    };
    await this.registry.write(record);
    this.applied.set(k, record.revision);
    this.appliedChecksum.set(k, record.checksum);
    // Keep the folder of the previous record too: another replica may be loading it until it sees this one.
    const folderOf = (e: unknown) => {
      const source = (e as { source?: { type?: string; path?: string } }).source;
      return source?.type === 'path' && source.path ? (source.path.split('/').pop() ?? '') : '';
    };
    await this.registry
      .removeOldFolders(entry.id, entry.version, [folderOf(entry), previous ? folderOf(previous.entry) : ''])
      .catch((error: Error) => this.logger.warn(`could not remove old files of ${k}: ${error.message}`));
    return view;
  }

  /**
   * The admin's model-control load/unload: on this replica at once, and for a model in the shared
   * registry, on every replica within the rescan interval (the record's state and revision change).
   */
  async controlLoad(id: string, version?: string): Promise<ModelView> {
    const entry = await this.discover(id, version);
    const view = await this.load(entry.id, entry.version);
    await this.publishState(entry, 'loaded');
    return view;
  }

  async controlUnload(id: string, version?: string): Promise<ModelView> {
    const entry = await this.discover(id, version);
    const view = await this.unload(entry.id, entry.version);
    await this.publishState(entry, 'unloaded');
    return view;
  }

  private async publishState(entry: ModelEntry, state: RegistryRecord['state']): Promise<void> {
    const record = await this.registry.read(entry.id, entry.version);
    if (!record || record.state === state) return;
    const next: RegistryRecord = { ...record, state, revision: newRevision(), registeredAt: Date.now() };
    await this.registry.write(next);
    this.applied.set(key(entry.id, entry.version), next.revision);
  }

  /** Model-control unload: waits for the model's queued and running requests, then frees it. */
  async unload(id: string, version?: string): Promise<ModelView> {
    const entry = this.entry(id, version);
    const k = key(entry.id, entry.version);
    const served = this.served.get(k);
    if (served) {
      this.served.delete(k);
      await served.drain('the model is being unloaded');
    }
    await this.repository.unload(entry.id, entry.version);
    return this.status(entry.id, entry.version);
  }

  private async makeRoom(entry: ModelEntry): Promise<void> {
    const resident = [...this.served.entries()].map(([k, s]) => ({
      key: k,
      memoryMb: s.entry.memoryMb ?? 0,
      idle: s.idle && (this.pendingUsers.get(k) ?? 0) === 0,
      lastUsedAt: s.lastUsedAt,
    }));
    const evictions = pickEvictions(resident, entry.memoryMb ?? 0, this.config.memoryBudgetMb);
    if (!evictions) {
      throw new InsufficientMemoryError(
        `loading ${entry.id} (${entry.memoryMb ?? 0} MB) would exceed the ${this.config.memoryBudgetMb} MB budget and every resident model is busy`,
      );
    }
    for (const victim of evictions) {
      const served = this.served.get(victim.key);
      if (!served) continue;
      this.logger.log(`evicting idle model ${served.entry.id}@${served.entry.version} to load ${entry.id}`);
      await this.unload(served.entry.id, served.entry.version);
    }
  }

  /**
   * Runs `work` with the model held resident (reference counted). A model evicted for memory is
   * loaded again on demand; a FAILED model answers 503 with its reason.
   */
  async use<T>(id: string, version: string | undefined, work: (model: ServedModel) => Promise<T>): Promise<T> {
    const entry = await this.discover(id, version);
    const k = key(entry.id, entry.version);
    this.pendingUsers.set(k, (this.pendingUsers.get(k) ?? 0) + 1);
    let served: ServedModel | undefined;
    try {
      served = this.served.get(k);
      if (!served || served.isClosing) {
        const state = this.repository.status(entry.id, entry.version);
        if (state.state === 'FAILED' || (state.state !== 'UNLOADED' && state.state !== 'READY' && state.state !== 'LOADING')) {
          throw new ModelNotReadyError(entry.id, state.state, state.reason?.message);
        }
        if (!this.startupDone && state.state !== 'READY' && entry.autoload) await this.whenStarted();
        await this.load(entry.id, entry.version);
        served = this.served.get(k);
        if (!served) throw new ModelNotReadyError(entry.id, this.repository.status(entry.id, entry.version).state);
      }
      served.acquire();
    } finally {
      this.pendingUsers.set(k, (this.pendingUsers.get(k) ?? 1) - 1);
    }
    try {
      return await work(served);
    } finally {
      served.release();
    }
  }

  /** The runtime handle of a resident model (for metadata), without loading anything. */
  residentHandle(id: string, version: string): ServedModel['handle'] | undefined {
    return this.served.get(key(id, version))?.handle;
  }

  /** Models of a task that are READY, for routes that pick a default model. */
  readyModels(task: ModelEntry['task']): ModelEntry[] {
    return this.manifest.models.filter((m) => m.task === task && this.served.has(key(m.id, m.version)));
  }

  /**
   * SIGTERM, first step (the HTTP server still answers): readiness turns 503 so load balancers stop
   * sending work, and requests already inside the gateway finish — within the grace period — so
   * their clients get answers rather than resets.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    clearInterval(this.scanTimer);
    await this.startup?.catch(() => undefined);
    const deadline = Date.now() + this.config.shutdownGraceMs;
    while (Date.now() < deadline && this.activeRequests() > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([...this.served.values()].map((m) => m.drain('the gateway is shutting down')));
  }

  private activeRequests(): number {
    let active = 0;
    for (const n of this.pendingUsers.values()) active += n;
    for (const served of this.served.values()) active += served.inUse + served.queueDepth;
    return active;
  }

  /** Last step, after the HTTP server closed: free every model. */
  async onApplicationShutdown(): Promise<void> {
    this.served.clear();
    await this.repository.unloadAll();
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  private repositoryCall<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof UnknownModelError) {
        const [id, version] = error.modelId.split('@');
        throw new ModelNotFoundError(id, version, error.known);
      }
      throw error;
    }
  }
}

function key(id: string, version: string): string {
  return `${id}@${version}`;
}

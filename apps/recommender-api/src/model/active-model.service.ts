import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import { GatewayClient } from '@matrix/gateway-client';
import { InjectDb, ReadinessRegistry, type CheckResult } from '@matrix/product-server';
import { listVersions, loadArtifact, type LoadedArtifact } from '../../training/model-artifact';
import { RECOMMENDER_CONFIG, type RecommenderConfig } from '../config/recommender-config';

/** The version being served, with the lookups serving needs. */
export interface ServingModel extends LoadedArtifact {
  itemIndex: Map<string, number>;
  userIndex: Map<string, number>;
}

export interface ModelState extends CheckResult {
  version?: string;
  ranker?: string;
  /** Whether the gateway serves this version's ranker. */
  served: boolean;
}

/**
 * Keeps the active model version in memory (kNN, popularity, MF, content embeddings) and makes sure
 * the gateway serves its ranker under RECOMMENDER_RANKER_MODEL (registering the files when the
 * gateway lacks that version). The active version is the one marked active in the database, else
 * the newest folder in RECOMMENDER_MODEL_DIR. Its status is the "model" readiness check.
 */
@Injectable()
export class ActiveModelService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('ActiveModel');
  private model: ServingModel | null = null;
  private state: ModelState = { ok: false, served: false, reason: 'not loaded yet' };
  private registering?: Promise<void>;

  constructor(
    private readonly gateway: GatewayClient,
    private readonly readiness: ReadinessRegistry,
    @InjectDb() private readonly db: DbClient,
    @Inject(RECOMMENDER_CONFIG) private readonly config: RecommenderConfig,
  ) {}

  onModuleInit(): void {
    this.readiness.register('model', async () => {
      if (this.model && !this.state.served) await this.ensureServed();
      return this.state;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const active = await this.db.recommenderModelVersion.findFirst({ where: { active: true }, orderBy: { createdAt: 'desc' } });
    const version = active?.version ?? listVersions(this.config.modelDir)[0];
    if (!version) {
      this.state = { ok: false, served: false, reason: 'no trained model yet: POST /api/training-jobs (or npx nx run recommender-api:train); popularity serves meanwhile' };
      return;
    }
    try {
      this.load(version);
      void this.ensureServed();
    } catch (error) {
      this.state = { ok: false, served: false, version, reason: `cannot load model ${version}: ${(error as Error).message}` };
    }
  }

  current(): ServingModel | null {
    return this.model;
  }

  status(): ModelState {
    return this.state;
  }

  /** Loads a version, makes it active (database flag) and registers its ranker with the gateway. */
  async activate(version: string): Promise<ModelState> {
    this.load(version);
    await this.db.$transaction([
      this.db.recommenderModelVersion.updateMany({ where: { active: true }, data: { active: false } }),
      this.db.recommenderModelVersion.updateMany({ where: { version }, data: { active: true } }),
    ]);
    await this.ensureServed(true);
    return this.state;
  }

  private load(version: string): void {
    const artifact = loadArtifact(this.config.modelDir, version);
    this.model = {
      ...artifact,
      itemIndex: new Map(artifact.manifest.itemIds.map((id, i) => [id, i])),
      userIndex: new Map(artifact.manifest.userIds.map((id, i) => [id, i])),
    };
    this.state = { ok: false, served: false, version, ranker: artifact.manifest.ranker, reason: 'registering the ranker with the gateway' };
  }

  /** Registers the ranker unless the gateway already serves this version (force: always). One attempt at a time. */
  ensureServed(force = false): Promise<void> {
    this.registering ??= this.register(force).finally(() => (this.registering = undefined));
    return this.registering;
  }

  private async register(force: boolean): Promise<void> {
    const model = this.model;
    if (!model) return;
    const { version, ranker } = model.manifest;
    const name = this.config.rankerModel;
    try {
      const listed = force ? undefined : (await this.gateway.models()).find((m) => m.id === name);
      if (listed && listed.version === version && (listed.state === 'READY' || listed.state === 'UNLOADED')) {
        this.state = { ok: true, served: true, version, ranker };
        return;
      }
      this.logger.log(`registering ${name} version ${version} (${ranker}) with the gateway`);
      const mb = Math.ceil(model.rankerFiles()['weights.bin'].length / 1e6) + 1;
      const info = await this.gateway.registerModel(
        name,
        { version, task: 'item-ranking', runtime: 'tfjs-layers', memoryMb: mb, description: `recommender ${ranker} ranker over ${model.manifest.itemIds.length} items`, batching: { maxBatchSize: 16, maxQueueDelayMs: 2 } },
        model.rankerFiles(),
      );
      const served = info.state === 'READY' || info.state === 'UNLOADED';
      this.state = served ? { ok: true, served, version, ranker } : { ok: false, served, version, ranker, reason: `the gateway could not load ${name} ${version}: ${info.reason?.message ?? info.state}` };
    } catch (error) {
      this.state = { ok: false, served: false, version, ranker, reason: `cannot register the ranker with the inference gateway: ${(error as Error).message}` };
      this.logger.warn(this.state.reason);
    }
  }
}

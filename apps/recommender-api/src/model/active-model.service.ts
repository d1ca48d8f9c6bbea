import { Inject, Injectable } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import { GatewayClient } from '@matrix/gateway-client';
import { InjectDb, ReadinessRegistry, ServedModel, type ModelsToServe, type ServedModelStatus } from '@matrix/product-server';
import type { ActiveModelState } from '@matrix/recommender-contract';
import { listVersions, loadArtifact, type LoadedArtifact } from '@matrix/recommender-model';
import { RECOMMENDER_CONFIG, type RecommenderConfig } from '../config/recommender-config';

/** The version being served, with the lookups serving needs. */
export interface ServingModel extends LoadedArtifact {
  itemIndex: Map<string, number>;
  userIndex: Map<string, number>;
}

export type ModelState = ActiveModelState & ServedModelStatus;

/**
 * Keeps the active model version in memory (kNN, popularity, MF, content embeddings) and makes sure
 * the gateway serves its ranker under RECOMMENDER_RANKER_MODEL (registering the files when the
 * gateway lacks that version). The active version is the one marked active in the database, else
 * the newest folder in RECOMMENDER_MODEL_DIR. Its status is the "model" readiness check.
 */
@Injectable()
export class ActiveModelService extends ServedModel {
  private model: ServingModel | null = null;
  /** Why there is no model to serve (before loading, nothing trained, a version that does not load). */
  private unavailable = 'not loaded yet';

  constructor(
    gateway: GatewayClient,
    readiness: ReadinessRegistry,
    @InjectDb() private readonly db: DbClient,
    @Inject(RECOMMENDER_CONFIG) private readonly config: RecommenderConfig,
  ) {
    super(gateway, readiness, { what: 'recommender ranker', logContext: 'ActiveModel', readinessCheck: 'model' });
  }

  override async onApplicationBootstrap(): Promise<void> {
    const active = await this.db.recommenderModelVersion.findFirst({ where: { active: true }, orderBy: { createdAt: 'desc' } });
    const version = active?.version ?? listVersions(this.config.modelDir)[0];
    if (!version) this.unavailable = 'no trained model yet: POST /api/training-jobs (or npx nx run recommender-api:train); popularity serves meanwhile';
    else {
      try {
        this.load(version);
      } catch (error) {
        this.unavailable = `cannot load model ${version}: ${(error as Error).message}`;
      }
    }
    super.onApplicationBootstrap();
  }

  current(): ServingModel | null {
    return this.model;
  }

  /** GET /api/models/active: the served version and whether the gateway serves its ranker. */
  override status(): ModelState {
    const { ok, version, reason } = super.status();
    return { ok, served: ok, version, ranker: this.model?.manifest.ranker, reason };
  }

  /** Loads a version, makes it active (database flag) and registers its ranker with the gateway. */
  async activate(version: string): Promise<ModelState> {
    this.load(version);
    await this.db.$transaction([
      this.db.recommenderModelVersion.updateMany({ where: { active: true }, data: { active: false } }),
      this.db.recommenderModelVersion.updateMany({ where: { version }, data: { active: true } }),
    ]);
    await this.serveAgain();
    return this.status();
  }

  protected toServe(): ModelsToServe {
    const model = this.model;
    if (!model) throw new Error(this.unavailable);
    const { version, ranker, itemIds } = model.manifest;
    const registration = () => {
      const files = model.rankerFiles();
      const memoryMb = Math.ceil(files['weights.bin'].length / 1e6) + 1;
      const description = `recommender ${ranker} ranker over ${itemIds.length} items`;
      return {
        config: { version, task: 'item-ranking', runtime: 'tfjs-layers', memoryMb, description, batching: { maxBatchSize: 16, maxQueueDelayMs: 2 } },
        files,
      };
    };
    return { version, details: { ranker }, models: [{ id: this.config.rankerModel, version, registration }] };
  }

  private load(version: string): void {
    const artifact = loadArtifact(this.config.modelDir, version);
    this.model = {
      ...artifact,
      itemIndex: new Map(artifact.manifest.itemIds.map((id, i) => [id, i])),
      userIndex: new Map(artifact.manifest.userIds.map((id, i) => [id, i])),
    };
  }
}

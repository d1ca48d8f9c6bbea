import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { GatewayClient, isModelServedOrLoading, type ModelInfo } from '@matrix/gateway-client';
import { ReadinessRegistry, type CheckResult } from '@matrix/product-server';
import type { Capabilities as FullCapabilities, FeatureStatus } from '@matrix/image-tagger-contract';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig } from '../config/image-tagger-config';

const CACHE_MS = 5000;

export type Capabilities = Omit<FullCapabilities, 'staleImages'>;
export type { FeatureStatus };

/**
 * What the gateway serves for the tagger — the classifier (and its version: a new one makes
 * images stale), the detector, a CLIP model for zero-shot — read from its model list, cached a few
 * seconds. Registers the "models" readiness check (the classifier must be served).
 */
@Injectable()
export class GatewayModels implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('GatewayModels');
  private cached?: { at: number; models: Promise<ModelInfo[]> };

  constructor(
    private readonly gateway: GatewayClient,
    private readonly readiness: ReadinessRegistry,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

  onModuleInit(): void {
    this.readiness.register('models', async (): Promise<CheckResult> => {
      const { classify, detect, zeroShot } = await this.capabilities();
      return { ok: classify.available, reason: classify.reason, classifier: classify, detector: detect, zeroShot: { available: zeroShot.available } };
    });
  }

  onApplicationBootstrap(): void {
    // The COCO detector is not loaded at gateway start (autoload off): ask for it now, in the background, so the first upload does not wait.
    if (this.config.defaultFeatures.includes('detect')) {
      void this.gateway
        .loadModel(this.config.detector)
        .catch((error: Error) => this.logger.warn(`could not load the detector ${this.config.detector} yet: ${error.message}`));
    }
  }

  private async list(): Promise<ModelInfo[]> {
    if (!this.cached || Date.now() - this.cached.at > CACHE_MS) {
      const models = this.gateway.models();
      this.cached = { at: Date.now(), models };
      models.catch(() => (this.cached = undefined));
    }
    return this.cached.models;
  }

  /** The classifier version the gateway serves now (undefined while unknown). */
  async classifierVersion(): Promise<string | undefined> {
    const models = await this.list().catch(() => []);
    return models.find((m) => m.id === this.config.classifier)?.version;
  }

  async capabilities(): Promise<Capabilities> {
    let models: ModelInfo[];
    try {
      models = await this.list();
    } catch (error) {
      const down: FeatureStatus = {
        available: false,
        model: null,
        version: null,
        state: null,
        reason: `the inference gateway is unreachable: ${(error as Error).message}`,
      };
      return { classify: down, detect: down, zeroShot: down };
    }
    const status = (id: string | undefined, task: string, missing: string): FeatureStatus => {
      const info = id ? models.find((m) => m.id === id) : models.find((m) => m.task === task && isModelServedOrLoading(m.state));
      if (!info) return { available: false, model: id ?? null, version: null, state: null, reason: missing };
      const available = isModelServedOrLoading(info.state);
      return {
        available,
        model: info.id,
        version: info.version,
        state: info.state,
        ...(available ? {} : { reason: `${info.id} is ${info.state}: ${info.reason?.message ?? 'no reason given'}` }),
      };
    };
    return {
      classify: status(this.config.classifier, 'image-classification', `the gateway has no model '${this.config.classifier}' (IMAGE_TAGGER_CLASSIFIER)`),
      detect: status(this.config.detector, 'object-detection', `the gateway has no model '${this.config.detector}' (IMAGE_TAGGER_DETECTOR)`),
      zeroShot: status(
        this.config.zeroShotModel,
        'zero-shot-image-classification',
        'no CLIP model (task zero-shot-image-classification) is in the gateway manifest; custom vocabularies need one (e.g. clip-vit-base-patch32 from the hub manifest)',
      ),
    };
  }
}

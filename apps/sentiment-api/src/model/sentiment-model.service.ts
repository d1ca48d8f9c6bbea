import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GatewayClient, type ModelInfo } from '@matrix/gateway-client';
import { ModelServingWatch, ReadinessRegistry, type CheckResult } from '@matrix/product-server';
import { SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { ARTIFACT_SOURCE, type ArtifactSource } from './artifact-source';

export interface ModelStatus extends CheckResult {
  model: string;
  version?: string;
}

/**
 * Makes sure the gateway serves the sentiment model: at boot (and until it does) it asks the
 * gateway for the model; when the gateway does not list it (or lists it FAILED) it registers the
 * newest trained artifact. Its status is the "model" readiness check, with the reason while not
 * served (no artifact yet, gateway down, load failed).
 */
@Injectable()
export class SentimentModelService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SentimentModel');
  private readonly watch: ModelServingWatch<ModelStatus>;

  constructor(
    private readonly gateway: GatewayClient,
    private readonly readiness: ReadinessRegistry,
    @Inject(SENTIMENT_CONFIG) private readonly config: SentimentConfig,
    @Inject(ARTIFACT_SOURCE) private readonly artifactSource: ArtifactSource,
  ) {
    this.watch = new ModelServingWatch<ModelStatus>({
      what: 'sentiment model',
      initial: { ok: false, model: config.model, reason: 'not checked yet' },
      notServed: (reason) => ({ ok: false, model: config.model, reason }),
      describeServed: (status) => `gateway serves ${config.model} version ${status.version}`,
      check: () => this.findOrRegister(config.model),
      logger: this.logger,
    });
  }

  onModuleInit(): void {
    this.readiness.register('model', () => this.watch.probe());
  }

  onApplicationBootstrap(): void {
    // In the background: the API answers (and says why it is not ready) while the gateway loads.
    void this.watch.ensureServed();
  }

  onApplicationShutdown(): void {
    this.watch.stop();
  }

  current(): ModelStatus {
    return this.watch.current();
  }

  /** The scorer saw the gateway refuse the model (evicted, gateway restarted): check and re-register. */
  reportNotServed(reason: string): void {
    this.watch.markNotServed(reason);
  }

  /** One check at a time; callers during a check share its result. */
  ensureServed(): Promise<ModelStatus> {
    return this.watch.ensureServed();
  }

  private async findOrRegister(model: string): Promise<ModelStatus> {
    let listed: ModelInfo | undefined;
    try {
      listed = (await this.gateway.models()).find((info) => info.id === model);
    } catch (error) {
      return { ok: false, model, reason: `cannot reach the inference gateway: ${(error as Error).message}` };
    }
    // UNLOADED = evicted for memory; the gateway loads it again on the next request.
    if (listed && (listed.state === 'READY' || listed.state === 'UNLOADED')) return { ok: true, model, version: listed.version };
    if (listed?.state === 'LOADING') return { ok: false, model, version: listed.version, reason: `the gateway is loading ${model}` };
    if (!this.config.registerModel) {
      return { ok: false, model, reason: `the gateway does not serve ${model}${listed ? ` (${listed.state}: ${listed.reason?.message ?? 'no reason given'})` : ''} and SENTIMENT_REGISTER_MODEL is off` };
    }
    let artifact;
    try {
      artifact = this.artifactSource();
    } catch (error) {
      return { ok: false, model, reason: `the gateway does not serve ${model}, and there is no trained artifact to register: ${(error as Error).message}` };
    }
    this.logger.log(`registering ${model} version ${artifact.version} with the gateway`);
    const info = await this.gateway.registerModel(model, artifact.config, artifact.files);
    if (info.state === 'READY' || info.state === 'UNLOADED') return { ok: true, model, version: info.version };
    return { ok: false, model, version: info.version, reason: `the gateway could not load ${model} ${info.version}: ${info.reason?.message ?? info.state}` };
  }
}

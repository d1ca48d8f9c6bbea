import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GatewayClient, type ModelInfo } from '@matrix/gateway-client';
import { ReadinessRegistry, type CheckResult } from '@matrix/product-server';
import { SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { ARTIFACT_SOURCE, type ArtifactSource } from './artifact-source';

export interface ModelStatus extends CheckResult {
  model: string;
  version?: string;
}

const RECHECK_EVERY_MS = 5000;
const RECHECK_ON_PROBE_AFTER_MS = 2000;

/**
 * Makes sure the gateway serves the sentiment model: at boot (and until it does) it asks the
 * gateway for the model; when the gateway does not list it (or lists it FAILED) it registers the
 * newest trained artifact. Its status is the "model" readiness check, with the reason while not
 * served (no artifact yet, gateway down, load failed).
 */
@Injectable()
export class SentimentModelService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SentimentModel');
  private status: ModelStatus;
  private checking?: Promise<ModelStatus>;
  private lastCheckAt = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly gateway: GatewayClient,
    private readonly readiness: ReadinessRegistry,
    @Inject(SENTIMENT_CONFIG) private readonly config: SentimentConfig,
    @Inject(ARTIFACT_SOURCE) private readonly artifactSource: ArtifactSource,
  ) {
    this.status = { ok: false, model: config.model, reason: 'not checked yet' };
  }

  onModuleInit(): void {
    this.readiness.register('model', () => this.probe());
  }

  onApplicationBootstrap(): void {
    // In the background: the API answers (and says why it is not ready) while the gateway loads.
    void this.ensureServed();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  current(): ModelStatus {
    return this.status;
  }

  /** The scorer saw the gateway refuse the model (evicted, gateway restarted): check and re-register. */
  reportNotServed(reason: string): void {
    // Keep a reason already known (e.g. "no trained artifact"): it says more than the gateway's 404.
    if (this.status.ok) this.status = { ok: false, model: this.config.model, reason };
    void this.ensureServed();
  }

  /** Readiness probe: the last status, refreshed first when it is not ok and a little old. */
  private async probe(): Promise<ModelStatus> {
    if (!this.status.ok && Date.now() - this.lastCheckAt > RECHECK_ON_PROBE_AFTER_MS) return this.ensureServed();
    return this.status;
  }

  /** One check at a time; callers during a check share its result. */
  ensureServed(): Promise<ModelStatus> {
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
      this.lastCheckAt = Date.now();
      this.scheduleRecheck();
    });
    return this.checking;
  }

  private scheduleRecheck(): void {
    clearTimeout(this.timer);
    if (this.status.ok || this.stopped) return;
    this.timer = setTimeout(() => void this.ensureServed(), RECHECK_EVERY_MS);
    this.timer.unref();
  }

  private async check(): Promise<ModelStatus> {
    const model = this.config.model;
    const previous = this.status;
    this.status = await this.findOrRegister(model).catch((error: Error) => ({ ok: false, model, reason: error.message }));
    if (this.status.ok !== previous.ok || this.status.reason !== previous.reason) {
      if (this.status.ok) this.logger.log(`gateway serves ${model} version ${this.status.version}`);
      else this.logger.warn(`sentiment model not served: ${this.status.reason}`);
    }
    return this.status;
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

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GatewayClient, type ModelInfo } from '@matrix/gateway-client';
import { ModelServingWatch, ReadinessRegistry, type CheckResult } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import type { IntentArtifact } from './intent-artifact';

/** Where the classifier comes from (tests pass another folder's artifact). */
export type IntentArtifactSource = () => IntentArtifact;
export const INTENT_ARTIFACT_SOURCE = 'chatbot:intent-artifact-source';

export interface IntentModelStatus extends CheckResult {
  version?: string;
}

/**
 * Makes sure the gateway serves the intent classifier (one model, its ensemble members averaged
 * inside): at boot (and until it does) it lists the gateway's models and registers it from the
 * shipped artifact when it is missing or failed. Its status is the "intent-model" readiness check, with the reason while not served.
 */
@Injectable()
export class IntentModelService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IntentModel');
  private artifact?: IntentArtifact;
  private readonly watch: ModelServingWatch<IntentModelStatus>;

  constructor(
    private readonly gateway: GatewayClient,
    private readonly readiness: ReadinessRegistry,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
    @Inject(INTENT_ARTIFACT_SOURCE) private readonly source: IntentArtifactSource,
  ) {
    this.watch = new ModelServingWatch<IntentModelStatus>({
      what: 'intent classifier',
      initial: { ok: false, reason: 'not checked yet' },
      notServed: (reason) => ({ ok: false, reason }),
      describeServed: (status) => `gateway serves the intent classifier ${status.version}`,
      check: () => this.findOrRegister(),
      logger: this.logger,
    });
  }

  onModuleInit(): void {
    this.readiness.register('intent-model', () => this.watch.probe());
  }

  onApplicationBootstrap(): void {
    void this.watch.ensureServed();
  }

  onApplicationShutdown(): void {
    this.watch.stop();
  }

  current(): IntentModelStatus {
    return this.watch.current();
  }

  /** The shipped classifier (members, labels, decision rule); throws when there is none. */
  classifier(): IntentArtifact {
    this.artifact ??= this.source();
    return this.artifact;
  }

  /** A request saw the gateway refuse a member (evicted, gateway restarted): check and re-register. */
  reportNotServed(reason: string): void {
    this.watch.markNotServed(reason);
  }

  private async findOrRegister(): Promise<IntentModelStatus> {
    let artifact: IntentArtifact;
    try {
      artifact = this.classifier();
    } catch (error) {
      return { ok: false, reason: `no trained intent classifier: ${(error as Error).message}` };
    }
    let listed: ModelInfo[];
    try {
      listed = await this.gateway.models();
    } catch (error) {
      return { ok: false, version: artifact.version, reason: `cannot reach the inference gateway: ${(error as Error).message}` };
    }
    // One model: the ensemble members are averaged inside it (libs/model-training averagedModel).
    const { model, gateway } = artifact.config;
    const info = listed.find((m) => m.id === model && m.version === gateway.version);
    if (info && (info.state === 'READY' || info.state === 'UNLOADED')) return { ok: true, version: artifact.version };
    if (info?.state === 'LOADING') return { ok: false, version: artifact.version, reason: `the gateway is loading ${model}` };
    if (!this.config.registerModel) return { ok: false, version: artifact.version, reason: `the gateway does not serve ${model}@${gateway.version} and CHATBOT_REGISTER_MODEL is off` };
    this.logger.log(`registering ${model} version ${gateway.version} with the gateway`);
    const registered = await this.gateway.registerModel(model, gateway, artifact.files);
    if (registered.state !== 'READY' && registered.state !== 'UNLOADED') {
      return { ok: false, version: artifact.version, reason: `the gateway could not load ${model}: ${registered.reason?.message ?? registered.state}` };
    }
    return { ok: true, version: artifact.version };
  }
}

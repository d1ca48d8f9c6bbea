import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GatewayClient, type ModelInfo } from '@matrix/gateway-client';
import { ReadinessRegistry, type CheckResult } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import { memberFiles, type IntentArtifact } from './intent-artifact';

/** Where the classifier comes from (tests pass another folder's artifact). */
export type IntentArtifactSource = () => IntentArtifact;
export const INTENT_ARTIFACT_SOURCE = 'chatbot:intent-artifact-source';

export interface IntentModelStatus extends CheckResult {
  version?: string;
}

const RECHECK_EVERY_MS = 5000;

/**
 * Makes sure the gateway serves every head of the intent ensemble: at boot (and until it does) it
 * lists the gateway's models and registers any member that is missing or failed from the shipped
 * artifact. Its status is the "intent-model" readiness check, with the reason while not served.
 */
@Injectable()
export class IntentModelService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IntentModel');
  private artifact?: IntentArtifact;
  private status: IntentModelStatus = { ok: false, reason: 'not checked yet' };
  private checking?: Promise<IntentModelStatus>;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly gateway: GatewayClient,
    private readonly readiness: ReadinessRegistry,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
    @Inject(INTENT_ARTIFACT_SOURCE) private readonly source: IntentArtifactSource,
  ) {}

  onModuleInit(): void {
    this.readiness.register('intent-model', () => (this.status.ok ? this.status : this.ensureServed()));
  }

  onApplicationBootstrap(): void {
    void this.ensureServed();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  current(): IntentModelStatus {
    return this.status;
  }

  /** The shipped classifier (members, labels, decision rule); throws when there is none. */
  classifier(): IntentArtifact {
    this.artifact ??= this.source();
    return this.artifact;
  }

  /** A request saw the gateway refuse a member (evicted, gateway restarted): check and re-register. */
  reportNotServed(reason: string): void {
    this.status = { ok: false, version: this.status.version, reason };
    void this.ensureServed();
  }

  ensureServed(): Promise<IntentModelStatus> {
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
      clearTimeout(this.timer);
      if (!this.status.ok && !this.stopped) {
        this.timer = setTimeout(() => void this.ensureServed(), RECHECK_EVERY_MS);
        this.timer.unref();
      }
    });
    return this.checking;
  }

  private async check(): Promise<IntentModelStatus> {
    const previous = this.status;
    this.status = await this.findOrRegister().catch((error: Error) => ({ ok: false, reason: error.message }));
    if (this.status.ok !== previous.ok || this.status.reason !== previous.reason) {
      if (this.status.ok) this.logger.log(`gateway serves the intent classifier ${this.status.version}`);
      else this.logger.warn(`intent classifier not served: ${this.status.reason}`);
    }
    return this.status;
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
    for (const member of artifact.config.members) {
      const info = listed.find((m) => m.id === member.model && m.version === member.gateway.version);
      if (info && (info.state === 'READY' || info.state === 'UNLOADED')) continue;
      if (info?.state === 'LOADING') return { ok: false, version: artifact.version, reason: `the gateway is loading ${member.model}` };
      if (!this.config.registerModel) return { ok: false, version: artifact.version, reason: `the gateway does not serve ${member.model}@${member.gateway.version} and CHATBOT_REGISTER_MODEL is off` };
      this.logger.log(`registering ${member.model} version ${member.gateway.version} with the gateway`);
      const registered = await this.gateway.registerModel(member.model, member.gateway, memberFiles(artifact, member));
      if (registered.state !== 'READY' && registered.state !== 'UNLOADED') {
        return { ok: false, version: artifact.version, reason: `the gateway could not load ${member.model}: ${registered.reason?.message ?? registered.state}` };
      }
    }
    return { ok: true, version: artifact.version };
  }
}

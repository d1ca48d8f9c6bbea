import { Inject, Injectable } from '@nestjs/common';
import { GatewayClient } from '@matrix/gateway-client';
import { ReadinessRegistry, ServedModel, type ModelsToServe } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import type { IntentArtifact } from './intent-artifact';

/** Where the classifier comes from (tests pass another folder's artifact). */
export type IntentArtifactSource = () => IntentArtifact;
export const INTENT_ARTIFACT_SOURCE = 'chatbot:intent-artifact-source';

/**
 * Makes sure the gateway serves the intent classifier (one model, its ensemble members averaged
 * inside), registering it from the shipped artifact when it is missing or failed. Its status is the
 * "intent-model" readiness check, with the artifact version and the reason while not served.
 */
@Injectable()
export class IntentModelService extends ServedModel {
  private artifact?: IntentArtifact;

  constructor(
    gateway: GatewayClient,
    readiness: ReadinessRegistry,
    @Inject(CHATBOT_CONFIG) config: ChatbotConfig,
    @Inject(INTENT_ARTIFACT_SOURCE) private readonly source: IntentArtifactSource,
  ) {
    super(gateway, readiness, {
      what: 'intent classifier',
      logContext: 'IntentModel',
      readinessCheck: 'intent-model',
      registerSwitch: { name: 'CHATBOT_REGISTER_MODEL', on: config.registerModel },
    });
  }

  /** The shipped classifier (members, labels, decision rule); throws when there is none. */
  classifier(): IntentArtifact {
    this.artifact ??= this.source();
    return this.artifact;
  }

  protected toServe(): ModelsToServe {
    const artifact = this.classifier();
    // One model: the ensemble members are averaged inside it (libs/model-training averagedModel).
    const { model, gateway } = artifact.config;
    return { version: artifact.version, models: [{ id: model, version: gateway.version, registration: () => ({ config: gateway, files: artifact.files }) }] };
  }
}

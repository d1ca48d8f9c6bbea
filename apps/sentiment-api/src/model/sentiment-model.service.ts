import { Inject, Injectable } from '@nestjs/common';
import { GatewayClient } from '@matrix/gateway-client';
import { ReadinessRegistry, ServedModel, type ModelsToServe, type ServedModelStatus } from '@matrix/product-server';
import { SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { ARTIFACT_SOURCE, type ArtifactSource } from './artifact-source';

export interface ModelStatus extends ServedModelStatus {
  model: string;
}

/**
 * Makes sure the gateway serves the sentiment model (SENTIMENT_MODEL): whichever version the gateway
 * lists counts; when it lists none (or FAILED) the newest trained artifact is registered. Its status
 * is the "model" readiness check, with the reason while not served (no artifact yet, gateway down,
 * load failed).
 */
@Injectable()
export class SentimentModelService extends ServedModel {
  constructor(
    gateway: GatewayClient,
    readiness: ReadinessRegistry,
    @Inject(SENTIMENT_CONFIG) private readonly config: SentimentConfig,
    @Inject(ARTIFACT_SOURCE) private readonly artifactSource: ArtifactSource,
  ) {
    super(gateway, readiness, {
      what: 'sentiment model',
      logContext: 'SentimentModel',
      readinessCheck: 'model',
      registerSwitch: { name: 'SENTIMENT_REGISTER_MODEL', on: config.registerModel },
      details: { model: config.model },
    });
  }

  override status(): ModelStatus {
    return { ...super.status(), model: this.config.model };
  }

  protected toServe(): ModelsToServe {
    return { models: [{ id: this.config.model, registration: () => this.artifactSource() }] };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { GatewayClient } from '@matrix/gateway-client';
import { ReadinessRegistry, ServedModel, type ModelsToServe, type ServedModelStatus } from '@matrix/product-server';
import { SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { ARTIFACT_SOURCE, ASPECT_ARTIFACT_SOURCE, THREE_CLASS_ARTIFACT_SOURCE, type ArtifactSource } from './artifact-source';

export interface ModelStatus extends ServedModelStatus {
  model: string;
}

/**
 * Makes sure the gateway serves the sentiment model (SENTIMENT_MODEL), the three-class sentence
 * head (SENTIMENT_THREE_CLASS_MODEL) and the aspect head (SENTIMENT_ASPECT_MODEL), each unless 'none': whichever version the gateway
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
    @Inject(THREE_CLASS_ARTIFACT_SOURCE) private readonly threeClassSource: ArtifactSource,
    @Inject(ASPECT_ARTIFACT_SOURCE) private readonly aspectSource: ArtifactSource,
  ) {
    super(gateway, readiness, {
      what: 'sentiment model',
      logContext: 'SentimentModel',
      readinessCheck: 'model',
      registerSwitch: { name: 'SENTIMENT_REGISTER_MODEL', on: config.registerModel },
      details: {
        model: config.model,
        ...(config.threeClassModel ? { threeClassModel: config.threeClassModel } : {}),
        ...(config.aspectModel ? { aspectModel: config.aspectModel } : {}),
      },
    });
  }

  override status(): ModelStatus {
    return { ...super.status(), model: this.config.model };
  }

  protected toServe(): ModelsToServe {
    const { threeClassModel: three, aspectModel: aspect } = this.config;
    return {
      // The sentence labeller and the aspect head beside the binary head: all must be served for the API to be
      // ready. The binary head comes last: the readiness `version` is the last model's, and it is the headline one.
      models: [
        ...(three ? [{ id: three, registration: () => this.threeClassSource() }] : []),
        ...(aspect ? [{ id: aspect, registration: () => this.aspectSource() }] : []),
        { id: this.config.model, registration: () => this.artifactSource() },
      ],
    };
  }
}

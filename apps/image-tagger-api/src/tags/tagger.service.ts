import { Inject, Injectable } from '@nestjs/common';
import { GatewayClient, GatewayError, type ModelRef, type Priority } from '@matrix/gateway-client';
import { ApiError } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig, type TagFeature } from '../config/image-tagger-config';
import { MEDIA_TYPES, type ImageFormat } from '../storage/image-type';
import { classifierTags, detectorTags, zeroShotTags, type MachineTag } from './machine-tags';

export interface Vocabulary {
  name: string;
  labels: string[];
}

export interface TagRequest {
  features: TagFeature[];
  /** Needed with the zero-shot feature. */
  vocabulary?: Vocabulary;
  priority: Priority;
}

/** What the models said about one image. */
export interface ImageTagging {
  tags: MachineTag[];
  classifier?: ModelRef;
  detector?: ModelRef;
}

/** The gateway refused this image (bad bytes it could not decode…): the others go on. */
export class ImageRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Tags images through the gateway: ImageNet classes (+ WordNet parents) from the classifier, object
 * classes with boxes from the detector, and a zero-shot vocabulary through CLIP. Each image is its
 * own raw-body call, so the gateway's dynamic batcher groups the concurrent ones into batches.
 */
@Injectable()
export class Tagger {
  constructor(
    private readonly gateway: GatewayClient,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

  /** One result per image, in order: its tags, or the reason the gateway refused it. */
  async tag(images: Array<{ bytes: Buffer; format: ImageFormat }>, request: TagRequest): Promise<Array<ImageTagging | ImageRefused>> {
    if (request.features.includes('zero-shot') && !request.vocabulary) {
      throw new ApiError(422, 'vocabulary_required', 'zero-shot tagging needs a vocabulary: pass vocabulary=<name> (create one with POST /api/vocabularies)');
    }
    return Promise.all(images.map((image) => this.tagOne(image, request).catch((error: unknown) => refusedOrThrow(error))));
  }

  private async tagOne(image: { bytes: Buffer; format: ImageFormat }, request: TagRequest): Promise<ImageTagging> {
    const call = { priority: request.priority, contentType: MEDIA_TYPES[image.format] };
    const [classified, detected, zeroShot] = await Promise.all([
      request.features.includes('classify')
        ? this.gateway.classifyImage(image.bytes, { ...call, model: this.config.classifier, topK: this.config.topK })
        : undefined,
      request.features.includes('detect')
        ? this.gateway.detectImage(image.bytes, { ...call, model: this.config.detector, minScore: this.config.detectFloor })
        : undefined,
      request.features.includes('zero-shot') && request.vocabulary ? this.zeroShot(image.bytes, request.vocabulary, request.priority) : undefined,
    ]);
    const tags: MachineTag[] = [];
    if (classified) tags.push(...classifierTags(classified.results[0].top, classified, this.config.parentFloor));
    if (detected) tags.push(...detectorTags(detected.results[0].detections, detected));
    if (zeroShot && request.vocabulary) tags.push(...zeroShotTags(zeroShot.results[0].scores, request.vocabulary.name, zeroShot));
    return {
      tags,
      classifier: classified ? { model: classified.model, version: classified.version } : undefined,
      detector: detected ? { model: detected.model, version: detected.version } : undefined,
    };
  }

  private async zeroShot(bytes: Buffer, vocabulary: Vocabulary, priority: Priority) {
    try {
      return await this.gateway.zeroShot([bytes], vocabulary.labels, { model: this.config.zeroShotModel, priority, hypothesisTemplate: 'a photo of {}.' });
    } catch (error) {
      if (error instanceof GatewayError && (error.code === 'no_model_for_task' || error.code === 'model_not_found' || error.code === 'model_not_ready')) {
        throw zeroShotUnavailable(error.message);
      }
      throw error;
    }
  }
}

/** Zero-shot needs CLIP in the gateway; this says so instead of failing obscurely. */
export function zeroShotUnavailable(reason: string): ApiError {
  return new ApiError(
    503,
    'zero_shot_unavailable',
    `zero-shot tagging needs a CLIP model (task zero-shot-image-classification) loaded in the inference gateway, and it has none: ${reason}. ` +
      'Add one to the gateway manifest (e.g. clip-vit-base-patch32 in libs/model-loading/manifests/hub.yaml on a machine that reaches the hub); classification and object tags work without it.',
  );
}

function refusedOrThrow(error: unknown): ImageRefused {
  // 4xx about the image itself: that image is refused, the batch goes on. Anything else (gateway down, overloaded) fails the call.
  if (error instanceof GatewayError && (error.status === 415 || error.status === 422 || error.status === 413))
    return new ImageRefused(error.message, error.status);
  if (error instanceof GatewayError) {
    throw new ApiError(
      503,
      'gateway_unavailable',
      `the inference gateway could not tag the images: ${error.message}`,
      undefined,
      error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : undefined,
    );
  }
  throw error;
}

import { isAbsolute, join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { parseEnvironment } from '@matrix/product-server';
import { z } from 'zod';

import { TAG_FEATURES, type TagFeature } from '@matrix/image-tagger-contract';

export { TAG_FEATURES, type TagFeature };

/** Largest JSON body (reviews, vocabularies, job requests): small. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

const flag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'], { message: 'must be true or false' }))
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const features = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(TAG_FEATURES, { message: `features are ${TAG_FEATURES.join(', ')}` })).min(1));

const schema = z.object({
  /**
   * Where originals and thumbnails are kept (relative paths are under the workspace root): the
   * filesystem driver of the image storage. With several API replicas, every replica must point at
   * the same shared volume (a ReadWriteMany PVC / NFS mount): what one replica stored, any other reads and deletes.
   */
  IMAGE_STORE_DIR: z.string().min(1).default('tmp/image-store'),
  /** Largest accepted file, in MiB. */
  IMAGE_TAGGER_MAX_FILE_MB: z.coerce.number().positive().max(200).default(20),
  /** Most files in one upload request. */
  IMAGE_TAGGER_MAX_FILES: z.coerce.number().int().min(1).max(500).default(64),
  /** Largest width × height, in megapixels (decompression bombs are refused before decoding). */
  IMAGE_TAGGER_MAX_MEGAPIXELS: z.coerce.number().positive().max(400).default(40),
  /** Longest side of a thumbnail, px. */
  IMAGE_TAGGER_THUMBNAIL_PX: z.coerce.number().int().min(32).max(1024).default(320),
  /** Gateway models; the gateway's default model for the task when unset. */
  IMAGE_TAGGER_CLASSIFIER: z.string().min(1).max(200).default('mobilenetv2-int8'),
  IMAGE_TAGGER_DETECTOR: z.string().min(1).max(200).default('centernet-coco'),
  IMAGE_TAGGER_ZERO_SHOT_MODEL: z.string().min(1).max(200).optional(),
  /** Tagging features used when an upload or job does not say. */
  IMAGE_TAGGER_FEATURES: features.default(['classify', 'detect']),
  /** Classes kept per image from the classifier (their parents come with them). */
  IMAGE_TAGGER_TOP_K: z.coerce.number().int().min(1).max(20).default(5),
  /** Parent tags below this confidence are not stored (parents of unlikely classes are noise). */
  IMAGE_TAGGER_PARENT_FLOOR: z.coerce.number().min(0).max(1).default(0.01),
  /** Boxes below this score are not stored at all (the shown ones follow the threshold). */
  IMAGE_TAGGER_DETECT_FLOOR: z.coerce.number().min(0).max(1).default(0.01),
  /** Global confidence threshold when none was set through the API. */
  IMAGE_TAGGER_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.3),
  /** Reviews of one tag (confirmed + rejected) before its threshold is tuned from them. */
  IMAGE_TAGGER_TUNE_MIN_REVIEWS: z.coerce.number().int().min(2).max(10_000).default(4),
  /** Images one job step tags (and stores, in one transaction). */
  IMAGE_TAGGER_JOB_CHUNK: z.coerce.number().int().min(1).max(64).default(16),
  /** At boot, start a re-tag job when images were tagged by another classifier version. */
  IMAGE_TAGGER_RETAG_ON_MODEL_CHANGE: flag.default(true),
});

export interface ImageTaggerConfig {
  storeDir: string;
  maxFileBytes: number;
  maxFiles: number;
  maxPixels: number;
  thumbnailPx: number;
  classifier: string;
  detector: string;
  zeroShotModel?: string;
  defaultFeatures: TagFeature[];
  topK: number;
  detectFloor: number;
  parentFloor: number;
  defaultThreshold: number;
  tuneMinReviews: number;
  jobChunk: number;
  retagOnModelChange: boolean;
}

export const IMAGE_TAGGER_CONFIG = 'image-tagger:config';

export function loadImageTaggerConfig(env: NodeJS.ProcessEnv): ImageTaggerConfig {
  const v = parseEnvironment(schema, env, 'image-tagger-api');
  return {
    storeDir: isAbsolute(v.IMAGE_STORE_DIR) ? v.IMAGE_STORE_DIR : join(workspaceRoot(), v.IMAGE_STORE_DIR),
    maxFileBytes: Math.round(v.IMAGE_TAGGER_MAX_FILE_MB * 1024 * 1024),
    maxFiles: v.IMAGE_TAGGER_MAX_FILES,
    maxPixels: Math.round(v.IMAGE_TAGGER_MAX_MEGAPIXELS * 1_000_000),
    thumbnailPx: v.IMAGE_TAGGER_THUMBNAIL_PX,
    classifier: v.IMAGE_TAGGER_CLASSIFIER,
    detector: v.IMAGE_TAGGER_DETECTOR,
    zeroShotModel: v.IMAGE_TAGGER_ZERO_SHOT_MODEL,
    defaultFeatures: v.IMAGE_TAGGER_FEATURES,
    topK: v.IMAGE_TAGGER_TOP_K,
    detectFloor: v.IMAGE_TAGGER_DETECT_FLOOR,
    parentFloor: v.IMAGE_TAGGER_PARENT_FLOOR,
    defaultThreshold: v.IMAGE_TAGGER_MIN_CONFIDENCE,
    tuneMinReviews: v.IMAGE_TAGGER_TUNE_MIN_REVIEWS,
    jobChunk: v.IMAGE_TAGGER_JOB_CHUNK,
    retagOnModelChange: v.IMAGE_TAGGER_RETAG_ON_MODEL_CHANGE,
  };
}

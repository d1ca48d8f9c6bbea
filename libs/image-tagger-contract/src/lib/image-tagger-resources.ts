import type { JobView } from '@matrix/product-contract';

/**
 * The image tagger API's resources, as its routes answer them: one definition for the API
 * (apps/image-tagger-api) and its web app (apps/image-tagger-web).
 */

export const TAG_FEATURES = ['classify', 'detect', 'zero-shot'] as const;
/** A tagging feature; each is one gateway route. */
export type TagFeature = (typeof TAG_FEATURES)[number];

export const TAG_SOURCES = ['classifier', 'parent', 'detector', 'zero-shot', 'manual'] as const;
export type TagSource = (typeof TAG_SOURCES)[number];

export type TagStatus = 'suggested' | 'confirmed' | 'rejected';

export interface ObjectBox {
  /** [x, y, width, height] in pixels of the original image. */
  box: [number, number, number, number];
  score: number;
}

export interface TagView {
  id: string;
  name: string;
  source: TagSource;
  confidence: number;
  /** The threshold in force for this tag. */
  threshold: number;
  /** Shown: confirmed, or suggested at or above its threshold (never when rejected). */
  visible: boolean;
  status: TagStatus;
  /** WordNet 3.0 noun id (ImageNet class or hypernym), when the tag has one. */
  wnid: string | null;
  /** Objects: how many boxes reach the threshold, and the boxes (those, or every stored one with tags=all). */
  count?: number;
  boxes?: ObjectBox[];
  /** Parents: the classes they come from. */
  via?: string[];
  vocabulary?: string;
  model: string | null;
  modelVersion: string | null;
}

export interface ModelRef {
  model: string;
  version: string;
}

export interface ImageView {
  id: string;
  filename: string | null;
  format: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  collection: string | null;
  status: string;
  error: string | null;
  createdAt: string;
  taggedAt: string | null;
  models: { classifier: ModelRef | null; detector: ModelRef | null };
  /** Tagged by a classifier version other than the one the gateway serves now. */
  stale: boolean;
  urls: { original: string; thumbnail: string };
  /** Visible tags, best first (all of them, each with `visible`, when asked for with tags=all). */
  tags: TagView[];
  hiddenTags: number;
}

export interface ErrorSummary {
  status: number;
  code: string;
  message: string;
}

export type FileOutcome =
  | { filename: string | null; status: 'created' | 'duplicate'; image: ImageView }
  | { filename: string | null; status: 'rejected'; error: ErrorSummary };

/** POST /api/images */
export interface UploadResult {
  created: number;
  duplicates: number;
  rejected: number;
  files: FileOutcome[];
}

export const JOB_SCOPES = ['untagged', 'stale', 'all', 'collection', 'ids'] as const;
export type JobScope = (typeof JOB_SCOPES)[number];

/** What a tagging job has done (counted chunk by chunk while it runs). */
export interface TaggingJobResult {
  tagged: number;
  failed: number;
}

/** GET /api/jobs/:id of a `tag-images` job (and the SSE events of /api/jobs/:id/events). */
export interface TaggingJobView extends JobView<TaggingJobResult> {
  /** Images in the job (fixed when it is created). */
  total: number;
  scope: JobScope;
  collection: string | null;
  features: TagFeature[];
  vocabulary: string | null;
  /** Why it was started: "request" or "model-change". */
  reason: string;
}

export interface ThresholdView {
  tag: string;
  threshold: number;
  origin: 'manual' | 'tuned' | 'default';
  confirmed: number;
  rejected: number;
  updatedAt: string | null;
}

/** GET /api/thresholds */
export interface ThresholdList {
  global: ThresholdView;
  tags: ThresholdView[];
}

export interface ReviewResult {
  reviewed: number;
  /** Thresholds re-tuned from these reviews. */
  thresholds: ThresholdView[];
}

export interface FeatureStatus {
  available: boolean;
  model: string | null;
  version: string | null;
  state: string | null;
  reason?: string;
}

/** GET /api/capabilities */
export interface Capabilities {
  classify: FeatureStatus;
  detect: FeatureStatus;
  zeroShot: FeatureStatus;
  staleImages: number;
}

export interface TagCount {
  name: string;
  images: number;
  threshold: number;
}

export interface VocabularyView {
  id: string;
  name: string;
  labels: string[];
  createdAt: string;
}

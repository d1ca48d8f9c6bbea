/**
 * The gateway's HTTP contract: request and response bodies of every route the products use.
 * The gateway's own handlers are typed against these, so client and server cannot drift apart.
 */
export type Priority = 'interactive' | 'bulk';

export interface CallOptions {
  /** Queue lane: `bulk` for batch jobs, so people waiting are served first. */
  priority?: Priority;
  /** How long the request may wait in the model's queue (server side). */
  timeoutMs?: number;
  /** Cancels the HTTP call (and the queued inference with it). */
  signal?: AbortSignal;
}

export interface ModelRef {
  model: string;
  version: string;
}

export interface EmbedResponse extends ModelRef {
  dimensions: number;
  embeddings: number[][];
  /** Tokens per text, as the model's tokenizer counted them. */
  tokens: number[];
}

export interface TextClassification {
  label: string;
  score: number;
  /** Probability of every class. */
  scores: Record<string, number>;
}

export interface ClassifyResponse extends ModelRef {
  results: TextClassification[];
}

/** /v1/classify with `models`: one answer per head, in the order asked (heads on one embedding model share it). */
export interface MultiHeadClassifyResponse {
  heads: ClassifyResponse[];
}

export interface LabelScore {
  index: number;
  label: string;
  score: number;
}

export interface ImageClassifyResponse extends ModelRef {
  results: Array<{ top: LabelScore[] }>;
}

export interface Detection {
  label: string;
  classIndex: number;
  score: number;
  /** [x, y, width, height] in pixels of the original image (COCO order). */
  box: [number, number, number, number];
}

export interface DetectResponse extends ModelRef {
  results: Array<{ width: number; height: number; detections: Detection[] }>;
}

export interface ZeroShotResponse extends ModelRef {
  results: Array<{ scores: LabelScore[] }>;
}

export type OipDatatype = 'BOOL' | 'UINT8' | 'UINT16' | 'UINT32' | 'UINT64' | 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FP16' | 'FP32' | 'FP64' | 'BYTES';

export interface OipTensor {
  name: string;
  shape: number[];
  datatype: OipDatatype;
  data: Array<number | string | boolean>;
}

export interface OipInferRequest {
  id?: string;
  inputs: OipTensor[];
  outputs?: Array<{ name: string }>;
  parameters?: Record<string, unknown>;
}

export interface OipInferResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  outputs: OipTensor[];
}

export type ModelState = 'UNLOADED' | 'LOADING' | 'READY' | 'UNLOADING' | 'FAILED';

export interface ModelInfo {
  id: string;
  version: string;
  task: string;
  runtime: string;
  state: ModelState;
  reason?: { code: string; message: string };
  device?: { device: string; backend: string; detail?: string; skipped: Array<{ candidate: string; reason: string }> };
  timings?: { resolveMs: number; verifyMs: number; loadMs: number; warmupMs: number; totalMs: number };
  memoryMb?: number;
  inUse: number;
  queueDepth: number;
}

export interface ReadinessResponse {
  ready: boolean;
  loading: boolean;
  models_ready: string[];
  models_failed: Array<{ model: string; reason?: string }>;
}

/** Every error answer: the Open Inference Protocol's `error` plus a machine-readable code. */
export interface ErrorBody {
  error: string;
  code: string;
  request_id?: string;
}

/** One query's ranking from /v1/rank-items: item indices (0-based, the model's order), best first. */
export interface RankedItems {
  items: Array<{ index: number; score: number }>;
}

export interface RankItemsResponse extends ModelRef {
  /** How many items the model scores. */
  items: number;
  results: RankedItems[];
}

export interface RankQuery {
  /** The query vector (user factors, or the user's interaction row), as wide as the model's input. */
  vector: number[];
  /** Item indices never to return. */
  exclude?: number[];
}

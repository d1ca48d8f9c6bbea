/** What a model does; the gateway picks its task route and pre/post-processing from this. */
export const MODEL_TASKS = [
  'text-embedding',
  'text-classification',
  'image-classification',
  'object-detection',
  'zero-shot-image-classification',
  // Factor / MLP heads the products train themselves (recommender scores, calibrated heads).
  'tabular-scoring',
  // Top-k items for a query vector: scores = vector · item matrix (a layers model), exclusions applied.
  'item-ranking',
] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

export const IMAGE_TASKS: readonly ModelTask[] = ['image-classification', 'object-detection', 'zero-shot-image-classification'];

/** How a model is executed; `remote-oip` forwards to an Open Inference Protocol server (Triton, KServe). */
export const MODEL_RUNTIMES = ['onnxruntime', 'transformers.js', 'tfjs-graph', 'tfjs-layers', 'remote-oip'] as const;
export type ModelRuntimeName = (typeof MODEL_RUNTIMES)[number];

export const TENSOR_DTYPES = ['float32', 'float16', 'int32', 'int64', 'int8', 'uint8', 'bool', 'string'] as const;
export type TensorDtype = (typeof TENSOR_DTYPES)[number];

/** transformers.js weight variants (`dtype` option of pipeline()). */
export const TRANSFORMERS_DTYPES = ['auto', 'fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16'] as const;
export type TransformersDtype = (typeof TRANSFORMERS_DTYPES)[number];

export const DEVICE_PREFERENCES = ['auto', 'cpu', 'cuda'] as const;
export type DevicePreference = (typeof DEVICE_PREFERENCES)[number];

export * from './lib/embedding-cache';
export * from './lib/embed-texts';
export * from './lib/cached-embeddings';
export * from './lib/held-out-split';
export * from './lib/dense-head';
export * from './lib/train-head';
export * from './lib/layers-files';
export * from './lib/tfjs-wasm';
export * from './lib/wasm-embedding-kernels';
// Versioned artifact folders live in @matrix/model-artifacts (serving reads them without the training stack); re-exported for trainers.
export * from '@matrix/model-artifacts';
export * from './lib/quantized-files';
export * from './lib/use-subword-embeddings';
export * from './lib/token-inputs';
export * from './lib/sparse-features';

export * from './lib/head-input-names';
export * from './lib/head-tensor';
export * from './lib/head-input-builders';
export * from './lib/head-preprocessing';
export * from './lib/build-head-inputs';

export * from './lib/contract';
export * from './lib/gateway-error';
export * from './lib/gateway-client';
export * from './lib/model-state';
export * from './lib/http-transport';

export * from './lib/contract';
export * from './lib/gateway-error';
export * from './lib/gateway-client';

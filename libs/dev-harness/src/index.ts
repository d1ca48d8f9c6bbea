export * from './lib/free-port';
export * from './lib/managed-process';
export * from './lib/gateway-process';
export * from './lib/latency-stats';
export * from './lib/load-generator';
export * from './lib/cli-args';
export * from './lib/manifest-subset';

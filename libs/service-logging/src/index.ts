export * from './lib/pino-nest-logger';

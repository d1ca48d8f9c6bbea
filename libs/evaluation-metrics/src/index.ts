export * from './lib/classification';

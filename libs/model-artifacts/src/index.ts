export * from './lib/versioned-artifact';

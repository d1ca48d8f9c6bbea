export * from './lib/sentiment-artifact';
export * from './lib/three-class-artifact';
export * from './lib/aspect-context';

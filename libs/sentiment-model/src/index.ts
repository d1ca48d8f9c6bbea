export * from './lib/sentiment-artifact';
export * from './lib/three-class-artifact';

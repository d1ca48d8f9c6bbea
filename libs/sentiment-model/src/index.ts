export * from './lib/sentiment-artifact';

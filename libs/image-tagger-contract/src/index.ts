export * from './lib/image-tagger-resources';

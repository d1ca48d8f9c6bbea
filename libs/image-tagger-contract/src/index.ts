// The image tagger API's resources on the base contract every product shares.
export * from '@matrix/product-contract';
export * from './lib/image-tagger-resources';

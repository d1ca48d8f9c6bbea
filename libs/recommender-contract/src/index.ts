// The recommender API's resources, shared by apps/recommender-api and apps/recommender-web, on the base contract.
export * from '@matrix/product-contract';
export * from './lib/catalog';
export * from './lib/models';
export * from './lib/recommendations';

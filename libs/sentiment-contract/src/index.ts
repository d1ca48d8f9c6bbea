// The sentiment API's resources on the base contract every product shares.
export * from '@matrix/product-contract';
export * from './lib/analysis';
export * from './lib/csv-job';

// The support chatbot API's resources, on the base contract every product shares.
export * from '@matrix/product-contract';
export * from './lib/article';
export * from './lib/conversation';
export * from './lib/analytics';

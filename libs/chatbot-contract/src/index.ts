export * from './lib/article';
export * from './lib/conversation';
export * from './lib/analytics';

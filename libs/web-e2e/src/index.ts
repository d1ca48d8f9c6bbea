export * from './lib/chromium';
export * from './lib/hydrated';
export * from './lib/next-server';
export * from './lib/screenshots';
export * from './lib/web-e2e-stack';
export * from './lib/staff';

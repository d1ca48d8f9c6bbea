export * from './lib/chromium';
export * from './lib/click-until';
export * from './lib/next-server';
export * from './lib/screenshots';
export * from './lib/web-e2e-stack';
export * from './lib/staff';

export * from './lib/workspace-root';
export * from './lib/shared-dirs';
export * from './lib/path-inside';

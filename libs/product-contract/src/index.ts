// The shapes every product API answers and every product web reads (no Node, no Nest: webs import it).
export * from './lib/page';
export * from './lib/job';
export * from './lib/error-body';
export * from './lib/auth';

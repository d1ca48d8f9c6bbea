// Shared React building blocks for every product's Next.js app. The stylesheet is imported here so
// that an app gets the design system by importing any component (Next.js bundles it once).
import './styles/product-ui.css';

export * from './lib/access-page';
export * from './lib/api-error';
export * from './lib/api-fetch';
export * from './lib/app-shell';
export * from './lib/audit-log-page';
export * from './lib/badge';
export * from './lib/card';
export * from './lib/charts';
export * from './lib/class-names';
export * from './lib/data-table';
export * from './lib/demo-data-banner';
export * from './lib/error-banner';
export * from './lib/file-drop-zone';
export * from './lib/filter-bar';
export * from './lib/hydration-mark';
export * from './lib/job-follower';
export * from './lib/job-notices';
export * from './lib/not-found-page';
export * from './lib/page-header';
export * from './lib/pagination';
export * from './lib/product-identity';
export * from './lib/product-layout';
export * from './lib/product-page';
export * from './lib/product-shell';
export * from './lib/progress-bar';
export * from './lib/roles';
export * from './lib/session';
export * from './lib/sign-in-page';
export * from './lib/stat-card';
export * from './lib/use-api-query';
export * from './lib/use-polled-job';

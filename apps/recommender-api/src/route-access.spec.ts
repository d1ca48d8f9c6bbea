import { describeRouteAccess } from '@matrix/dev-harness';
import { ROUTE_ACCESS } from '@matrix/product-server';

// Issue 14: every route under src/ declares who may call it, and docs/access.md says the same.
describeRouteAccess('recommender-api', 'recommender', __dirname, ROUTE_ACCESS);

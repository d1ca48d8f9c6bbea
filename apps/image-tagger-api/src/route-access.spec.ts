import { describeRouteAccess } from '@matrix/dev-harness';
import { ROUTE_ACCESS } from '@matrix/product-server';

// Issue 14: every route under src/ declares who may call it, and docs/access.md says the same.
describeRouteAccess('image-tagger-api', 'image-tagger', __dirname, ROUTE_ACCESS);

import { describeRouteAccess } from '@matrix/dev-harness';
import { ROUTE_ACCESS } from '@matrix/product-server';

// Issue 14: every route under src/ declares who may call it, and docs/access.md says the same.
describeRouteAccess('support-chatbot-api', 'support-chatbot', __dirname, ROUTE_ACCESS);

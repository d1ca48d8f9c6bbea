import { productApiProxy } from '@matrix/product-ui/api-proxy';

/**
 * /api/* → the recommender API, so the browser talks to one origin. Forwarded at request time (not a next.config
 * rewrite, frozen at build time): ops point one build at any API with RECOMMENDER_API_URL at start time (the e2e
 * does too, on a free port). While the API restarts the web answers JSON 502/503/504 (libs/product-ui
 * api-proxy), which the pages show as "reconnecting…" and retry, never a bare 500 page.
 */
export const proxy = productApiProxy('RECOMMENDER_API_URL', 'http://127.0.0.1:8130');

export const config = { matcher: '/api/:path*' };

import { productWebProxy } from '@matrix/product-ui/api-proxy';

/**
 * /api/* → the support chatbot API, so the browser talks to one origin. Forwarded at request time (not a next.config
 * rewrite, frozen at build time): ops point one build at any API with SUPPORT_CHATBOT_API_URL at start time (the e2e
 * does too, on a free port). While the API restarts the web answers JSON 502/503/504 (libs/product-ui
 * api-proxy), which the pages show as "reconnecting…" and retry, never a bare 500 page.
 *
 * Pages: a request without the session cookie goes to /sign-in?next=<page> (libs/product-ui productWebProxy); the API
 * answers 401 itself on /api/*. The visitor chat ('/') is public: a shop's customer has no account; the agent console, knowledge base and analytics are staff pages.
 */
export const proxy = productWebProxy('SUPPORT_CHATBOT_API_URL', 'http://127.0.0.1:8120', { publicPages: ['/'] });

// Every request but Next's build output: /api/* is forwarded, pages need a session (static files pass in productWebProxy).
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };

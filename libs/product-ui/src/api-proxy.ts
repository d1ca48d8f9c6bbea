// The /api proxy of every product web (its proxy.ts), apart from the React entry point: no components, no styles.
export { forwardToApi, jsonError, productApiProxy, type ApiProxyOptions } from './lib/api-proxy';

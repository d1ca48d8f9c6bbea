// The /api proxy of every product web (its proxy.ts), apart from the React entry point: no components, no styles.
export {
  forwardToApi,
  hasCookie,
  jsonError,
  productApiProxy,
  productWebProxy,
  signInRedirect,
  type ApiProxyOptions,
  type WebProxyOptions,
} from './lib/api-proxy';

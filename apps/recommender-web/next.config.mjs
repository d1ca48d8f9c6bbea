// eslint-disable-next-line @nx/enforce-module-boundaries -- every product web shares one Next.js config, read by path
import { productNextConfig } from '../../libs/product-ui/next-config.mjs';

export default productNextConfig({
  experimental: {
    // Imports may be large (u.data is 2 MB); the API refuses more than 32 MiB with a clear 413.
    proxyClientMaxBodySize: '33mb',
    // Imports of 100,000 ratings take seconds; do not cut the /api proxy off before the API answers.
    proxyTimeout: 120_000,
  },
});

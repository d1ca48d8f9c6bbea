// eslint-disable-next-line @nx/enforce-module-boundaries -- every product web shares one Next.js config, read by path
import { productNextConfig } from '../../libs/product-ui/next-config.mjs';

export default productNextConfig({
  experimental: {
    // The API refuses knowledge-base imports over 5 MiB with a clear 413; let such a body reach it whole enough to do so.
    proxyClientMaxBodySize: '6mb',
    // Imports embed every passage through the gateway; do not cut the /api proxy off before the API answers.
    proxyTimeout: 120_000,
  },
});

// eslint-disable-next-line @nx/enforce-module-boundaries -- every product web shares one Next.js config, read by path
import { productNextConfig } from '../../libs/product-ui/next-config.mjs';

export default productNextConfig({
  experimental: {
    // The page uploads at most 8 images per request; the API refuses files over its limit (20 MiB) with a clear 413.
    proxyClientMaxBodySize: '200mb',
    // Tagging with the object detector takes about a second per image on CPU.
    proxyTimeout: 300_000,
  },
});

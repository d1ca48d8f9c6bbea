import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The monorepo root: @matrix/* libraries are compiled from source through tsconfig paths, so the
// bundler (Turbopack) and the output file tracing must see the whole repository, not only the app.
const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The Next.js config every product web shares; an app's next.config.mjs passes only what is its own
 * (the /api proxy's body limit and timeout). NEXT_OUTPUT=standalone builds a self-contained server for
 * containers (tools/scripts/build-artifact.mjs): node apps/<app>/.next/standalone/apps/<app>/server.js,
 * with .next/static beside it.
 * @param {import('next').NextConfig} [own]
 * @returns {import('next').NextConfig}
 */
export function productNextConfig(own = {}) {
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    turbopack: { root: workspaceRoot },
    outputFileTracingRoot: workspaceRoot,
    output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
    ...own,
  };
}

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The monorepo root: @matrix/* libraries are compiled from source through tsconfig paths, so the
// bundler (Turbopack) and the output file tracing must see the whole repository, not only this app.
const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  // NEXT_OUTPUT=standalone builds a self-contained server for containers:
  // node apps/recommender-web/.next/standalone/apps/recommender-web/server.js (copy .next/static beside it).
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  experimental: {
    // Imports may be large (u.data is 2 MB); the API refuses more than 32 MiB with a clear 413.
    proxyClientMaxBodySize: '33mb',
    // Imports of 100,000 ratings take seconds; do not cut the /api proxy off before the API answers.
    proxyTimeout: 120_000,
  },
};

export default nextConfig;

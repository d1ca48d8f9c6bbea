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
  // node apps/support-chatbot-web/.next/standalone/apps/support-chatbot-web/server.js (copy .next/static beside it).
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  experimental: {
    // The API refuses knowledge-base imports over 5 MiB with a clear 413; let such a body reach it whole enough to do so.
    proxyClientMaxBodySize: '6mb',
    // Imports embed every passage through the gateway; do not cut the /api proxy off before the API answers.
    proxyTimeout: 120_000,
  },
};

export default nextConfig;

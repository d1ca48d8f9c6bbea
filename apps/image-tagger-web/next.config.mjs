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
  // NEXT_OUTPUT=standalone builds a self-contained server for containers.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  experimental: {
    // The page uploads at most 8 images per request; the API refuses files over its limit (20 MiB) with a clear 413.
    proxyClientMaxBodySize: '200mb',
    // Tagging with the object detector takes about a second per image on CPU.
    proxyTimeout: 300_000,
  },
};

export default nextConfig;

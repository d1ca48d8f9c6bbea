import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const workspaceRoot = join(__dirname, '..', '..', '..');
const factory = pathToFileURL(join(__dirname, '..', 'next-config.mjs')).href;

/** The config as Next.js reads it: next.config.mjs is an ES module that Node imports (Jest runs CommonJS). */
function resolvedConfig(env: Record<string, string>): Record<string, unknown> {
  const script = `const { productNextConfig } = await import(${JSON.stringify(factory)});
    console.log(JSON.stringify(productNextConfig({ experimental: { proxyTimeout: 120000 } })));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return JSON.parse(out);
}

describe('productNextConfig', () => {
  it("traces and bundles from the workspace root and keeps the app's own settings", () => {
    const config = resolvedConfig({ NEXT_OUTPUT: '' });
    expect(config).toEqual({
      reactStrictMode: true,
      poweredByHeader: false,
      turbopack: { root: workspaceRoot },
      outputFileTracingRoot: workspaceRoot,
      experimental: { proxyTimeout: 120000 },
    });
  });

  it('builds a standalone server only when NEXT_OUTPUT=standalone', () => {
    expect(resolvedConfig({ NEXT_OUTPUT: 'standalone' })['output']).toBe('standalone');
  });
});

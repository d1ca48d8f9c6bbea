// `generate`: both Prisma clients (libs/db/src/generated/sqlite and …/postgresql)
// from the same schema files, by the stock `prisma generate` with prisma/prisma.config.ts.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PROVIDERS } from './database-url.mjs';
import { prismaLayout } from './layout.mjs';
import { readSchemaDir, schemaForProvider, writeSchemaDir } from './schema-files.mjs';

const require = createRequire(import.meta.url);

/**
 * `prisma generate` needs no schema engine, but the CLI insists on locating (else
 * downloading) one first; any existing file satisfies the check.
 */
function placeholderEngineBinary() {
  return join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
}

function runPrismaGenerate(layout, provider) {
  const cli = require.resolve('prisma/build/index.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, 'generate', '--config', layout.configFile], {
      cwd: layout.root,
      env: {
        ...process.env,
        PRISMA_PROVIDER: provider,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || placeholderEngineBinary(),
        CHECKPOINT_DISABLE: '1', // no update check over the network
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`prisma generate (${provider}) exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Writes the provider-swapped schema copy for PostgreSQL, then generates both clients
 * (in parallel: each is a separate `prisma generate` process).
 * @param {{ root?: string, providers?: string[] }} [options]
 * @returns {Promise<Array<{ provider: string, clientDir: string }>>}
 */
export async function generateClients({ root, providers = [...PROVIDERS] } = {}) {
  const layout = prismaLayout(root);
  const sourceFiles = readSchemaDir(layout.schemaDir);
  for (const provider of providers.filter((p) => p !== 'sqlite')) {
    const writeDir = layout.providerSchemaDir(provider);
    writeSchemaDir(writeDir, schemaForProvider(sourceFiles, provider, { writeDir, outputDir: layout.clientDir(provider) }));
  }
  await Promise.all(providers.map((provider) => runPrismaGenerate(layout, provider)));
  return providers.map((provider) => ({ provider, clientDir: layout.clientDir(provider) }));
}

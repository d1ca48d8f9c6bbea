// Entry point of a model worker thread. Runs the compiled model-worker.js when there is one (a
// built gateway); from source (dev, tests, benchmarks) it compiles model-worker.ts on the fly with
// @swc-node/register, resolving the @matrix/* aliases through the workspace tsconfig.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, 'model-worker.js');
if (existsSync(compiled)) {
  require(compiled);
} else {
  process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', '..', '..', '..', '..', 'tsconfig.base.json');
  require('@swc-node/register');
  require(join(__dirname, 'model-worker.ts'));
}

// Entry point of a model worker thread. Runs the compiled model-worker.js when there is one (a
// built gateway); from source (dev, tests, benchmarks) it compiles model-worker.ts on the fly with
// @swc-node/register, resolving the @matrix/* aliases through the workspace tsconfig.
const { existsSync } = require('node:fs');
const { setPriority } = require('node:os');
const { join } = require('node:path');

const MODEL_THREAD_NICE = 10;

// Model threads yield the CPU to the gateway's HTTP thread when cores are scarce, so answers — an
// immediate 429 above all — stay fast while the models saturate every core. On Linux a thread's
// nice value is its own (elsewhere this would lower the whole process, so it is left alone there).
if (process.platform === 'linux') {
  try {
    setPriority(MODEL_THREAD_NICE);
  } catch {
    // Not permitted here: the thread keeps the default priority.
  }
}

const compiled = join(__dirname, 'model-worker.js');
if (existsSync(compiled)) {
  require(compiled);
} else {
  process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', '..', '..', '..', '..', 'tsconfig.base.json');
  require('@swc-node/register');
  require(join(__dirname, 'model-worker.ts'));
}

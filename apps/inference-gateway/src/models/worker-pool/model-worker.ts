import { parentPort, workerData } from 'node:worker_threads';
import { defaultRuntimes, runtimeFor, TensorModelHandle } from '@matrix/model-loading';
import { buffersOf, transferables } from './hand-over';
import type { InferMessage, ModelWorkerData, WorkerReply } from './worker-messages';

/** One copy of a model in its own thread (and its own TensorFlow.js WASM instance). */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('model-worker must run in a worker thread');
  const { entry, resolved, settings } = workerData as ModelWorkerData;
  let handle: TensorModelHandle;
  try {
    const loaded = await runtimeFor(defaultRuntimes(), entry.runtime).load({ entry, resolved, settings });
    if (loaded.kind !== 'tensor') throw new Error(`runtime ${entry.runtime} does not give a tensor model`);
    handle = loaded;
  } catch (error) {
    port.postMessage({ type: 'load-failed', message: (error as Error).message, code: (error as { code?: string }).code } satisfies WorkerReply);
    return;
  }
  port.postMessage({
    type: 'ready',
    inputs: handle.inputs,
    outputs: handle.outputs,
    device: handle.device,
    loadTimeMs: handle.loadTimeMs,
  } satisfies WorkerReply);
  port.on('message', (message: InferMessage) => {
    handle.infer(message.inputs, message.outputs).then(
      (outputs) => {
        // The outputs are this thread's own: moved to the gateway's thread, not copied; so are handed-over inputs, for reuse.
        const returned = message.returnInputs ? buffersOf(message.inputs) : [];
        const moved = [...new Set([...transferables(outputs, true), ...returned])];
        port.postMessage({ type: 'result', id: message.id, outputs, returned } satisfies WorkerReply, moved);
      },
      (error: Error) => port.postMessage({ type: 'error', id: message.id, message: error.message } satisfies WorkerReply),
    );
  });
}

void main();

import { parentPort, workerData } from 'node:worker_threads';
import { defaultRuntimes, runtimeFor, TensorModelHandle } from '@matrix/model-loading';
import { transferables } from './hand-over';
import { LocalInputCopies } from './shared-inputs';
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
  const copies = new LocalInputCopies();
  port.on('message', (message: InferMessage) => {
    const own = copies.own(message.inputs);
    handle.infer(own.inputs, message.outputs).then(
      (outputs) => {
        own.release();
        // The outputs are this thread's own: moved to the gateway's thread, not copied.
        port.postMessage({ type: 'result', id: message.id, outputs } satisfies WorkerReply, transferables(outputs));
      },
      (error: Error) => {
        own.release();
        port.postMessage({ type: 'error', id: message.id, message: error.message } satisfies WorkerReply);
      },
    );
  });
}

void main();

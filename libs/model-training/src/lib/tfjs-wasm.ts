import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname } from 'node:path';
import { registerWasmEmbeddingKernels } from './wasm-embedding-kernels';

let ready: Promise<string> | undefined;

/**
 * TensorFlow.js on the WASM backend (SIMD) for training, with the embedding kernels it lacks.
 * The .wasm files load from node_modules, never a CDN. Emscripten's process-wide error listeners
 * are removed again so the process keeps Node's own error handling. Idempotent.
 */
export function useWasmBackend(): Promise<string> {
  ready ??= (async () => {
    const events = ['uncaughtException', 'unhandledRejection'] as const;
    const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'uncaughtException'))]));
    try {
      setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
      if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed to initialise');
      await tf.ready();
      registerWasmEmbeddingKernels();
    } finally {
      for (const event of events)
        for (const listener of process.listeners(event as 'uncaughtException')) if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
    return `wasm (SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'})`;
  })();
  return ready;
}

import { join } from 'node:path';
import { RuntimeUnavailableError, errorMessage } from '../errors';
import type { DevicePreference } from '../manifest/vocabulary';
import { npmPackageDir } from '../resolution/npm-package-dir';
import type { TfjsBackendName } from '../settings';
import type { SkippedDevice } from './model-handle';

type Tf = typeof import('@tensorflow/tfjs');

export interface TfjsBackendChoice {
  backend: TfjsBackendName;
  device: 'cuda' | 'cpu';
  detail: string;
  skipped: SkippedDevice[];
}

/** The tfjs backend registry name each candidate registers under. */
const REGISTRY_NAME: Record<TfjsBackendName, string> = {
  'tfjs-node-gpu': 'tensorflow',
  'tfjs-node': 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

let choice: Promise<TfjsBackendChoice> | undefined;

/**
 * Chooses the TensorFlow.js backend once per process (tfjs has one global backend): the first of
 * `order` that initialises wins, every other candidate is reported with the reason it was skipped.
 * Later calls return the first choice whatever they ask for.
 */
export function pickTfjsBackend(order: readonly TfjsBackendName[], device: DevicePreference): Promise<TfjsBackendChoice> {
  choice ??= choose(order, device).catch((error: unknown) => {
    choice = undefined; // let a later call retry (e.g. after a config fix in tests)
    throw error;
  });
  return choice;
}

async function choose(order: readonly TfjsBackendName[], device: DevicePreference): Promise<TfjsBackendChoice> {
  const tf: Tf = await import('@tensorflow/tfjs');
  const skipped: SkippedDevice[] = [];
  for (const backend of order) {
    const gpu = backend === 'tfjs-node-gpu';
    if (device === 'cpu' && gpu) {
      skipped.push({ candidate: backend, reason: 'device set to cpu' });
      continue;
    }
    if (device === 'cuda' && !gpu) {
      skipped.push({ candidate: backend, reason: 'device set to cuda' });
      continue;
    }
    try {
      const detail = await activate(tf, backend);
      return { backend, device: gpu ? 'cuda' : 'cpu', detail, skipped };
    } catch (error) {
      skipped.push({ candidate: backend, reason: errorMessage(error) });
    }
  }
  throw new RuntimeUnavailableError(`no TensorFlow.js backend could start: ${skipped.map((s) => `${s.candidate}: ${s.reason}`).join('; ')}`);
}

async function activate(tf: Tf, backend: TfjsBackendName): Promise<string> {
  if (backend === 'tfjs-node-gpu' || backend === 'tfjs-node') {
    const packageName = `@tensorflow/${backend}`;
    // A variable specifier: these packages are optional and may be absent at type-check time.
    await import(packageName);
    if (!tf.findBackendFactory(REGISTRY_NAME[backend]))
      throw new Error(`${packageName} loaded but registered no "tensorflow" backend with this @tensorflow/tfjs copy`);
    await setBackendOrThrow(tf, backend);
    return `${packageName} (libtensorflow)`;
  }
  if (backend === 'wasm') return activateWasm(tf);
  await setBackendOrThrow(tf, backend);
  return 'plain JavaScript kernels';
}

/**
 * The wasm backend reads its .wasm files from node_modules (never a CDN). Its Emscripten glue adds
 * process-wide `uncaughtException` / `unhandledRejection` listeners that rethrow; they are removed
 * again so the host (NestJS) keeps its own error handling.
 */
async function activateWasm(tf: Tf): Promise<string> {
  // Listener identity is all that matters here; Node's overloads cannot express "either event" in one call.
  const listeners = (event: string) => process.listeners(event as 'uncaughtException') as unknown[];
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = new Map(events.map((event) => [event, new Set(listeners(event))]));
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const packageDir = npmPackageDir('@tensorflow/tfjs-backend-wasm');
    if (!packageDir) throw new Error('@tensorflow/tfjs-backend-wasm is not installed');
    wasm.setWasmPaths(`${join(packageDir, 'dist')}/`);
    await setBackendOrThrow(tf, 'wasm');
  } finally {
    for (const event of events)
      for (const listener of listeners(event)) if (!before.get(event)?.has(listener)) process.removeListener(event, listener as () => void);
  }
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  return `SIMD ${simd ? 'on' : 'off'}, ${threads ? 'multi-threaded' : 'single-threaded (no wasm threads in Node)'}`;
}

async function setBackendOrThrow(tf: Tf, backend: TfjsBackendName): Promise<void> {
  const name = REGISTRY_NAME[backend];
  // setBackend() resolves false (it logs, does not throw) when the backend fails to initialise.
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend("${name}") failed to initialise`);
  await tf.ready();
}

import { useWasmBackend } from './tfjs-wasm';

/** A training run's log line: `[train HH:MM:SS] …`. */
export function trainingLog(line: string): void {
  console.log(`[train ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

export interface TrainingRun {
  /** The TensorFlow.js backend heads train on. */
  backend: string;
  /** Seconds since the run started. */
  seconds(): number;
}

/** Starts a run on the wasm backend (the one the gateway serves tfjs heads with here) and logs which backend it got. */
export async function startTrainingRun(log: (line: string) => void = trainingLog): Promise<TrainingRun> {
  const startedAt = performance.now();
  const backend = await useWasmBackend();
  log(`TensorFlow.js backend: ${backend}`);
  return { backend, seconds: () => (performance.now() - startedAt) / 1000 };
}

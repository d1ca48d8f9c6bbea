import type { DeviceReport, ModelEntry, ModelLoadingSettings, ResolvedModel, TensorInfo, TensorValue } from '@matrix/model-loading';

/** What a model worker thread is started with: everything needed to load one model copy. */
export interface ModelWorkerData {
  entry: ModelEntry;
  resolved: ResolvedModel;
  settings: ModelLoadingSettings;
}

export type WorkerReply =
  | { type: 'ready'; inputs: TensorInfo[]; outputs: TensorInfo[]; device: DeviceReport; loadTimeMs: number }
  | { type: 'load-failed'; message: string; code?: string }
  /** `returned`: the input buffers, given back when the infer message asked (handed-over inputs, for reuse). */
  | { type: 'result'; id: number; outputs: Record<string, TensorValue>; returned?: ArrayBuffer[] }
  | { type: 'error'; id: number; message: string };

export interface InferMessage {
  type: 'infer';
  id: number;
  inputs: Record<string, TensorValue>;
  outputs?: string[];
  /** Send the input buffers back with the result (they were handed over: the gateway reuses them). */
  returnInputs?: boolean;
}

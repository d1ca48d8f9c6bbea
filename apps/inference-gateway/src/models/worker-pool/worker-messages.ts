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
  | { type: 'result'; id: number; outputs: Record<string, TensorValue> }
  | { type: 'error'; id: number; message: string };

export interface InferMessage {
  type: 'infer';
  id: number;
  /** Handed-over inputs arrive on a SharedArrayBuffer slot (shared-inputs.ts), others as copies. */
  inputs: Record<string, TensorValue>;
  outputs?: string[];
}

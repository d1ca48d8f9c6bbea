/** What a trainer reports while it runs: the stage and how far it is (0..1). */
export interface TrainingProgress {
  stage: string;
  fraction: number;
  detail?: string;
}

export interface TrainingControl {
  /** Called after each epoch / step; cheap. */
  onProgress?: (progress: TrainingProgress) => void;
  /** Aborting stops the trainer at its next epoch boundary with TrainingCancelledError. */
  signal?: AbortSignal;
}

export class TrainingCancelledError extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'TrainingCancelledError';
  }
}

export function throwIfCancelled(control: TrainingControl | undefined): void {
  if (control?.signal?.aborted) throw new TrainingCancelledError();
}

/** Lets timers, HTTP requests and cancellation run between epochs of a synchronous trainer. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Raised when a model's queue is full; the HTTP layer turns it into 429 + Retry-After. */
export class QueueFullError extends Error {
  readonly code = 'queue_full';
  constructor(
    readonly model: string,
    readonly queueDepth: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`model '${model}' is overloaded: ${queueDepth} requests queued; retry after ${retryAfterSeconds} s`);
  }
}

/** The request's deadline passed before its batch ran (504 at the HTTP layer). */
export class DeadlineExceededError extends Error {
  readonly code = 'deadline_exceeded';
  constructor(
    readonly model: string,
    readonly waitedMs: number,
  ) {
    super(`request to model '${model}' exceeded its deadline after waiting ${Math.round(waitedMs)} ms in the queue`);
  }
}

/** The caller went away (client disconnect or explicit abort) before the batch ran. */
export class RequestCancelledError extends Error {
  readonly code = 'cancelled';
  constructor(readonly model: string) {
    super(`request to model '${model}' was cancelled by the client`);
  }
}

/** The batcher is draining for shutdown or the model was unloaded. */
export class BatcherClosedError extends Error {
  readonly code = 'closed';
  constructor(
    readonly model: string,
    reason: string,
  ) {
    super(`model '${model}' is not accepting requests: ${reason}`);
  }
}

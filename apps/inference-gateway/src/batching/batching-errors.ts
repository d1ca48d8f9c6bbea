import type { Refused, RefusalReason } from './admission-control';
import type { Priority } from './priority';

/**
 * Raised at once when admission control refuses a request (queue bound, predicted wait beyond the
 * lane's maximum or the request's deadline); the HTTP layer turns it into 429 + Retry-After.
 */
export class AdmissionRefusedError extends Error {
  readonly code: RefusalReason;
  readonly lane: Priority;
  readonly retryAfterSeconds: number;

  constructor(
    readonly model: string,
    readonly decision: Refused,
  ) {
    super(refusalMessage(model, decision));
    this.code = decision.reason;
    this.lane = decision.lane;
    this.retryAfterSeconds = decision.retryAfterSeconds;
  }

  /** The numbers behind the refusal, for the JSON answer. */
  get details(): Record<string, string | number | null> {
    const d = this.decision;
    return {
      model: this.model,
      lane: d.lane,
      reason: d.reason,
      predicted_wait_ms: d.predictedWaitMs === undefined ? null : Math.round(d.predictedWaitMs),
      limit_ms: d.limitMs === undefined ? null : Math.round(d.limitMs),
      queue_depth: d.queueDepth,
      queue_bound: d.queueBound,
      retry_after_s: d.retryAfterSeconds,
    };
  }
}

function refusalMessage(model: string, d: Refused): string {
  const retry = `retry after ${d.retryAfterSeconds} s`;
  const wait = `predicted queue wait ${Math.round(d.predictedWaitMs ?? 0)} ms`;
  if (d.reason === 'deadline') return `model '${model}' cannot meet this request's ${Math.round(d.limitMs ?? 0)} ms deadline: ${wait}; ${retry}`;
  if (d.reason === 'predicted_wait') {
    return `model '${model}' is overloaded: ${wait} exceeds the ${Math.round(d.limitMs ?? 0)} ms maximum for ${d.lane} requests (${d.queueDepth} queued); ${retry}`;
  }
  return `model '${model}' is overloaded: ${d.queueDepth} requests queued (bound ${d.queueBound} for ${d.lane} requests); ${retry}`;
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

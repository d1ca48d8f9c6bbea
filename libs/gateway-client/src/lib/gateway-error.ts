/** A gateway answer that is not 2xx, or a call that never got one (timeout, connection refused). */
export class GatewayError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when no answer came (network error, timeout). */
    readonly status: number,
    /** The gateway's error code (`queue_full`, `invalid_input`, `model_not_ready`…) or `network`/`timeout`. */
    readonly code: string,
    readonly requestId?: string,
    /** Seconds the gateway asked us to wait (429/503 Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  /** Overload and brief unavailability are worth retrying; bad input is not. */
  get retryable(): boolean {
    return this.status === 429 || this.status === 503 || this.code === 'network';
  }
}

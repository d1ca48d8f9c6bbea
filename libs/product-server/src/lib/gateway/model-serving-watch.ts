import type { CheckResult } from '../health/readiness';

export interface ModelServingWatchOptions<S extends CheckResult> {
  /** What is watched, in log lines: e.g. "sentiment model". */
  what: string;
  /** Asks the gateway whether it serves the model(s), registering what is missing; its answer becomes the status. */
  check: () => Promise<S>;
  /** The status before the first check. */
  initial: S;
  /** The not-ok status for a reason (a thrown check, a request that saw the gateway refuse the model). */
  notServed: (reason: string) => S;
  /** Logged when the model becomes served, e.g. "gateway serves sentiment-head version 3". */
  describeServed: (status: S) => string;
  logger: { log(message: string): void; warn(message: string): void };
  /** While not served, check again this often (ms; default 5000). */
  recheckEveryMs?: number;
  /** A readiness probe refreshes a not-ok status older than this (ms; default 2000). */
  recheckOnProbeAfterMs?: number;
}

/**
 * Keeps a product's trained model(s) served by the inference gateway: checks at boot and, until
 * served, every few seconds; one check at a time (callers during a check share it); re-checks when
 * a request saw the gateway refuse the model (evicted, gateway restarted). Its status is what the
 * product's readiness check reports, with the reason while not served.
 */
export class ModelServingWatch<S extends CheckResult> {
  private status: S;
  private checking?: Promise<S>;
  private lastCheckAt = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: ModelServingWatchOptions<S>) {
    this.status = options.initial;
  }

  current(): S {
    return this.status;
  }

  /** For the readiness registry: the last status, refreshed first when it is not ok and a little old. */
  async probe(): Promise<S> {
    if (!this.status.ok && Date.now() - this.lastCheckAt > (this.options.recheckOnProbeAfterMs ?? 2000)) return this.ensureServed();
    return this.status;
  }

  ensureServed(): Promise<S> {
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
      this.lastCheckAt = Date.now();
      this.scheduleRecheck();
    });
    return this.checking;
  }

  /** A fresh check, after the one under way (if any): what that one saw may already be stale. */
  async recheck(): Promise<S> {
    await this.checking;
    return this.ensureServed();
  }

  /** A request saw the gateway refuse the model: check (and re-register) now. A reason already known is kept: it says more than the gateway's 404. */
  markNotServed(reason: string): void {
    if (this.status.ok) this.status = this.options.notServed(reason);
    void this.ensureServed();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private scheduleRecheck(): void {
    clearTimeout(this.timer);
    if (this.status.ok || this.stopped) return;
    this.timer = setTimeout(() => void this.ensureServed(), this.options.recheckEveryMs ?? 5000);
    this.timer.unref();
  }

  private async check(): Promise<S> {
    const previous = this.status;
    this.status = await this.options.check().catch((error: Error) => this.options.notServed(error.message));
    if (this.status.ok !== previous.ok || this.status.reason !== previous.reason) {
      if (this.status.ok) this.options.logger.log(this.options.describeServed(this.status));
      else this.options.logger.warn(`${this.options.what} not served: ${this.status.reason}`);
    }
    return this.status;
  }
}

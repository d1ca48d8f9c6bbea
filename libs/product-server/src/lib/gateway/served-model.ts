import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ReadinessRegistry } from '../health/readiness';
import { ensureModelServed, type ModelGateway, type ModelsToServe, type RegisterSwitch, type ServedModelStatus } from './ensure-model-served';
import { ModelServingWatch } from './model-serving-watch';

export interface ServedModelOptions {
  /** What is served, in log lines: e.g. "sentiment model". */
  what: string;
  /** The Nest logger context, e.g. "SentimentModel". */
  logContext: string;
  /** The readiness check that reports it, e.g. "model". */
  readinessCheck: string;
  /** The setting that lets the product register the model; absent: it always registers what the gateway lacks. */
  registerSwitch?: RegisterSwitch;
  /** Fields every status carries (e.g. the model name). */
  details?: Record<string, unknown>;
  /** While not served, check again this often (ms; default 5000). */
  recheckEveryMs?: number;
}

/**
 * A product-trained model the inference gateway must serve: a Nest provider (extend it) that
 * registers the model at boot, in the background, and until it is served; registers it again when
 * a request saw the gateway refuse it (gateway restarted, model evicted and lost); and reports the
 * "model" readiness check with the served version, or the reason while not served. A subclass says
 * only what to serve (`toServe`): the gateway model(s) and how to read their files.
 */
export abstract class ServedModel implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private readonly watch: ModelServingWatch<ServedModelStatus>;
  private forceNextCheck = false;

  protected constructor(
    private readonly gateway: ModelGateway,
    private readonly readiness: ReadinessRegistry,
    private readonly options: ServedModelOptions,
  ) {
    this.logger = new Logger(options.logContext);
    this.watch = new ModelServingWatch<ServedModelStatus>({
      what: options.what,
      initial: { ...options.details, ok: false, reason: 'not checked yet' },
      notServed: (reason) => ({ ...options.details, ok: false, reason }),
      describeServed: (status) => `gateway serves the ${options.what} version ${status.version}`,
      check: () => this.check(),
      logger: this.logger,
      recheckEveryMs: options.recheckEveryMs,
    });
  }

  /** What the gateway must serve now; throws when there is nothing to serve (its message is the reason). */
  protected abstract toServe(): ModelsToServe;

  onModuleInit(): void {
    this.readiness.register(this.options.readinessCheck, () => this.watch.probe());
  }

  onApplicationBootstrap(): void | Promise<void> {
    // In the background: the API answers (and says why it is not ready) while the gateway loads.
    void this.watch.recheck();
  }

  onApplicationShutdown(): void {
    this.watch.stop();
  }

  /** The last status: ok with the served version, or why it is not served. */
  status(): ServedModelStatus {
    return this.watch.current();
  }

  /** Checks (registering what is missing) unless served; one check at a time, shared by callers during it. */
  ensureServed(): Promise<ServedModelStatus> {
    return this.watch.ensureServed();
  }

  /** A request saw the gateway refuse the model (evicted, gateway restarted): not served until checked again, now, in the background. */
  reportNotServed(reason: string): void {
    this.watch.markNotServed(reason);
  }

  /** Serve on demand: register again without asking the gateway first (it answered "model not found", or another version became current), and wait for it. */
  async serveAgain(): Promise<ServedModelStatus> {
    this.forceNextCheck = true;
    return this.watch.recheck();
  }

  private async check(): Promise<ServedModelStatus> {
    const force = this.forceNextCheck;
    this.forceNextCheck = false;
    const target = this.toServe();
    return ensureModelServed(
      this.gateway,
      { ...target, details: { ...this.options.details, ...target.details } },
      { registerSwitch: this.options.registerSwitch, force, logger: this.logger },
    );
  }
}

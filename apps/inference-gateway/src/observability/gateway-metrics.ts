import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AdmissionEvent, BatchEvent } from '../batching/dynamic-batcher';
import { PRIORITIES } from '../batching/priority';

const LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];
const PREDICTED_WAIT_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** Every Prometheus series the gateway exports, on its own registry (no global state in tests). */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly requests = this.counter('gateway_requests_total', 'Inference requests by model, route and HTTP status code', ['model', 'route', 'code'] as const);

  readonly requestDuration = this.histogram(
    'gateway_request_duration_seconds',
    'End-to-end request latency inside the gateway',
    ['model', 'route'] as const,
    LATENCY_BUCKETS_S,
  );

  readonly queueDuration = this.histogram(
    'gateway_queue_duration_seconds',
    'Time a request waited in its model queue before its batch ran',
    ['model'] as const,
    LATENCY_BUCKETS_S,
  );

  readonly batchDuration = this.histogram('gateway_batch_duration_seconds', 'Runtime execution time of one batch', ['model'] as const, LATENCY_BUCKETS_S);

  readonly batchSize = this.histogram('gateway_batch_size', 'Requests per executed batch', ['model'] as const, BATCH_SIZE_BUCKETS);

  readonly queueDepth = this.gauge('gateway_queue_depth', 'Requests waiting in each model queue', ['model'] as const);

  readonly admissionRejections = this.counter(
    'gateway_admission_rejections_total',
    'Requests refused at once by admission control, by model, lane and reason (queue_full, predicted_wait, deadline)',
    ['model', 'lane', 'reason'] as const,
  );

  readonly predictedQueueWait = this.histogram(
    'gateway_predicted_queue_wait_seconds',
    'Queue wait predicted from the drain rate at admission, by model, lane and outcome (admitted or refused)',
    ['model', 'lane', 'outcome'] as const,
    PREDICTED_WAIT_BUCKETS_S,
  );

  readonly drainRate = this.gauge(
    'gateway_drain_rate_items_per_second',
    'Items per second each model queue drains (over its last batches), from which queue bounds and Retry-After follow',
    ['model'] as const,
  );

  readonly queueBound = this.gauge(
    'gateway_queue_bound',
    'Requests that may wait per model and lane: drain rate × maximum wait, at least two batches per instance',
    ['model', 'lane'] as const,
  );

  readonly modelLoadDuration = this.histogram(
    'gateway_model_load_duration_seconds',
    'Time to load (and warm up) a model',
    ['model'] as const,
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  );

  readonly modelReady = this.gauge('gateway_model_ready', '1 when the model is loaded and serving, labelled with its device', [
    'model',
    'version',
    'device',
  ] as const);

  readonly errors = this.counter(
    'gateway_errors_total',
    'Errors by model and kind (queue_full, predicted_wait, deadline, deadline_exceeded, cancelled, closed, invalid_input, runtime, …)',
    ['model', 'kind'] as const,
  );

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  constructor(collectProcessMetrics = true) {
    if (collectProcessMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'gateway_' });
  }

  observeBatch(event: BatchEvent): void {
    this.batchSize.observe({ model: event.model }, event.size);
    this.batchDuration.observe({ model: event.model }, event.execMs / 1000);
    for (const ms of event.queueMs) this.queueDuration.observe({ model: event.model }, ms / 1000);
    if (event.failed) this.errors.inc({ model: event.model, kind: 'runtime' });
    if (event.itemsPerSecond !== undefined) this.drainRate.set({ model: event.model }, event.itemsPerSecond);
    for (const lane of PRIORITIES) this.queueBound.set({ model: event.model, lane }, event.queueBound[lane]);
  }

  observeAdmission({ model, decision }: AdmissionEvent): void {
    const lane = decision.lane;
    if (!decision.admitted) this.admissionRejections.inc({ model, lane, reason: decision.reason });
    if (decision.predictedWaitMs !== undefined) {
      this.predictedQueueWait.observe({ model, lane, outcome: decision.admitted ? 'admitted' : 'refused' }, decision.predictedWaitMs / 1000);
    }
  }
}

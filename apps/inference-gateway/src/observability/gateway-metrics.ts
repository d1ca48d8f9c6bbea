import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AdmissionEvent, BatchEvent } from '../batching/dynamic-batcher';
import { PRIORITIES } from '../batching/priority';

const LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];
const PREDICTED_WAIT_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** Every Prometheus series the gateway exports, on its own registry (no global state in tests). */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'gateway_requests_total',
    help: 'Inference requests by model, route and HTTP status code',
    labelNames: ['model', 'route', 'code'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'End-to-end request latency inside the gateway',
    labelNames: ['model', 'route'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [this.registry],
  });

  readonly queueDuration = new Histogram({
    name: 'gateway_queue_duration_seconds',
    help: 'Time a request waited in its model queue before its batch ran',
    labelNames: ['model'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [this.registry],
  });

  readonly batchDuration = new Histogram({
    name: 'gateway_batch_duration_seconds',
    help: 'Runtime execution time of one batch',
    labelNames: ['model'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'gateway_batch_size',
    help: 'Requests per executed batch',
    labelNames: ['model'] as const,
    buckets: BATCH_SIZE_BUCKETS,
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'gateway_queue_depth',
    help: 'Requests waiting in each model queue',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  readonly admissionRejections = new Counter({
    name: 'gateway_admission_rejections_total',
    help: 'Requests refused at once by admission control, by model, lane and reason (queue_full, predicted_wait, deadline)',
    labelNames: ['model', 'lane', 'reason'] as const,
    registers: [this.registry],
  });

  readonly predictedQueueWait = new Histogram({
    name: 'gateway_predicted_queue_wait_seconds',
    help: 'Queue wait predicted from the drain rate at admission, by model, lane and outcome (admitted or refused)',
    labelNames: ['model', 'lane', 'outcome'] as const,
    buckets: PREDICTED_WAIT_BUCKETS_S,
    registers: [this.registry],
  });

  readonly drainRate = new Gauge({
    name: 'gateway_drain_rate_items_per_second',
    help: 'Items per second each model completes with every instance busy (EWMA), from which queue bounds and Retry-After follow',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  readonly queueBound = new Gauge({
    name: 'gateway_queue_bound',
    help: 'Requests that may wait per model and lane: drain rate × maximum wait, at least one batch per instance',
    labelNames: ['model', 'lane'] as const,
    registers: [this.registry],
  });

  readonly modelLoadDuration = new Histogram({
    name: 'gateway_model_load_duration_seconds',
    help: 'Time to load (and warm up) a model',
    labelNames: ['model'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly modelReady = new Gauge({
    name: 'gateway_model_ready',
    help: '1 when the model is loaded and serving, labelled with its device',
    labelNames: ['model', 'version', 'device'] as const,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'gateway_errors_total',
    help: 'Errors by model and kind (queue_full, predicted_wait, deadline, deadline_exceeded, cancelled, closed, invalid_input, runtime, …)',
    labelNames: ['model', 'kind'] as const,
    registers: [this.registry],
  });

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

import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRIORITIES, type Priority } from '../batching/dynamic-batcher';
import '../auth/api-key.guard';

/** Per-request queueing options: priority lane, deadline and a signal that fires if the client leaves. */
export interface RequestOptions {
  priority: Priority;
  timeoutMs: number;
  signal: AbortSignal;
  /** Throws 403 unless the caller's API key may use the model (a no-op when keys are off). */
  authorize: (model: string) => void;
}

/**
 * The lane a request runs in: the one asked for, but never above the key's own lane (a bulk key's
 * requests stay bulk whatever they ask); without an ask, the key's lane (interactive while keys are off).
 */
export function boundLane(asked: Priority | undefined, keyLane: Priority | undefined): Priority {
  const ceiling = keyLane ?? 'interactive';
  if (!asked) return ceiling;
  // PRIORITIES runs from the highest lane to the lowest.
  return PRIORITIES.indexOf(asked) >= PRIORITIES.indexOf(ceiling) ? asked : ceiling;
}

/**
 * Builds the options from headers (`x-priority: bulk|interactive`, `x-timeout-ms`) or body fields.
 * The lane is bound to the API key (`boundLane`) and answered in the `x-priority` response header.
 * The signal aborts when the connection closes before the answer was written, so a request whose
 * client went away leaves the queue instead of costing model time.
 */
export function requestOptions(
  request: FastifyRequest,
  reply: FastifyReply,
  defaults: { timeoutMs: number },
  body?: { priority?: Priority; timeout_ms?: number },
): RequestOptions {
  const header = String(request.headers['x-priority'] ?? '').toLowerCase();
  const askedLane: Priority | undefined = body?.priority ?? PRIORITIES.find((p) => p === header);
  const priority = boundLane(askedLane, request.keyLane);
  void reply.header('x-priority', priority);
  const headerTimeout = Number(request.headers['x-timeout-ms']);
  const asked = body?.timeout_ms ?? (Number.isFinite(headerTimeout) && headerTimeout > 0 ? headerTimeout : undefined);
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return {
    priority,
    timeoutMs: Math.min(asked ?? defaults.timeoutMs, defaults.timeoutMs),
    signal: controller.signal,
    authorize: (model: string) => {
      request.modelForMetrics = model;
      request.authorizeModel?.(model);
    },
  };
}

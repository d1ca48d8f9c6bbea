import type { ModelState } from './contract';

/**
 * Whether the gateway serves a model in this state: READY, or UNLOADED (evicted for memory; the
 * gateway loads it again on the next request, so a product need not register it again).
 */
export function isModelServed(state: ModelState): boolean {
  return state === 'READY' || state === 'UNLOADED';
}

/** Served, or on its way (LOADING): a request now waits for it instead of failing. */
export function isModelServedOrLoading(state: ModelState): boolean {
  return isModelServed(state) || state === 'LOADING';
}

import { GatewayError } from '@matrix/gateway-client';
import { ApiError } from '../errors/api-error';

/**
 * What a background job waits out rather than fails on, said for people: the inference gateway unreachable, slow,
 * overloaded or failing, or the product's model not served yet (after a gateway restart the product re-registers
 * it). Null for anything else — bad input and bugs fail the job at once.
 */
export function dependencyWaitReason(error: unknown): string | null {
  if (error instanceof GatewayError) {
    if (error.code === 'cancelled') return null;
    if (error.code === 'model_not_found' || error.code === 'model_not_ready') return 'waiting for the model to be served by the inference gateway';
    if (error.status === 429) return 'waiting for the busy inference gateway';
    if (error.code === 'network' || error.code === 'timeout' || error.status === 503 || error.status >= 500) return 'waiting for the inference gateway';
    return null;
  }
  if (error instanceof ApiError && error.status === 503) {
    return error.code === 'model_not_ready' ? 'waiting for the model to be served by the inference gateway' : 'waiting for the inference gateway';
  }
  return null;
}

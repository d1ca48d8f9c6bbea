import { GatewayError } from '@matrix/gateway-client';
import { ApiError } from './api-error';

/**
 * Whether a failure is worth trying again later: the gateway unreachable, overloaded (429/503) or
 * failing (5xx), or a product's own 503 (model not served yet, gateway unavailable). Bad input never is.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof GatewayError) return error.retryable || error.status >= 500;
  return error instanceof ApiError && error.status === 503;
}

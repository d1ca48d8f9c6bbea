import { GatewayError } from '@matrix/gateway-client';
import { ApiError } from './api-error';
import { isTransient } from './transient';

describe('isTransient', () => {
  it('retries an unreachable, overloaded or failing gateway and a product 503', () => {
    expect(isTransient(new GatewayError('connect ECONNREFUSED', 0, 'network'))).toBe(true);
    expect(isTransient(new GatewayError('queue full', 429, 'queue_full'))).toBe(true);
    expect(isTransient(new GatewayError('loading', 503, 'model_not_ready'))).toBe(true);
    expect(isTransient(new GatewayError('boom', 500, 'internal'))).toBe(true);
    expect(isTransient(new ApiError(503, 'model_not_ready', 'not served yet'))).toBe(true);
  });

  it('does not retry bad input, a missing resource or a plain bug', () => {
    expect(isTransient(new GatewayError('bad input', 422, 'invalid_input'))).toBe(false);
    expect(isTransient(new ApiError(404, 'not_found', 'nope'))).toBe(false);
    expect(isTransient(new Error('undefined is not a function'))).toBe(false);
    expect(isTransient('timeout')).toBe(false);
  });
});

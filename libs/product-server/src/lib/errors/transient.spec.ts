import { GatewayError } from '@matrix/gateway-client';
import { ApiError } from './api-error';
import { isTransient, retryTransient } from './transient';

describe('isTransient', () => {
  it('retries an unreachable, overloaded or failing gateway and a product 503', () => {
    expect(isTransient(new GatewayError('connect ECONNREFUSED', 0, 'network'))).toBe(true);
    expect(isTransient(new GatewayError('queue full', 429, 'queue_full'))).toBe(true);
    expect(isTransient(new GatewayError('loading', 503, 'model_not_ready'))).toBe(true);
    expect(isTransient(new GatewayError('boom', 500, 'internal'))).toBe(true);
    expect(isTransient(new ApiError(503, 'model_not_ready', 'not served yet'))).toBe(true);
    expect(isTransient(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
  });

  it('does not retry bad input, a missing resource or a plain bug', () => {
    expect(isTransient(new GatewayError('bad input', 422, 'invalid_input'))).toBe(false);
    expect(isTransient(new ApiError(404, 'not_found', 'nope'))).toBe(false);
    expect(isTransient(new Error('undefined is not a function'))).toBe(false);
    expect(isTransient('timeout')).toBe(false);
  });
});

describe('retryTransient', () => {
  const unavailable = () => new GatewayError('connect ECONNREFUSED', 0, 'network');

  it('tries again after each delay while the failure is transient, then answers', async () => {
    const waits: number[] = [];
    let calls = 0;
    const work = async () => {
      if (++calls < 3) throw unavailable();
      return 'ok';
    };
    await expect(retryTransient(work, [1, 2, 3], { onRetry: (_error, delay) => waits.push(delay) })).resolves.toBe('ok');
    expect([calls, waits]).toEqual([3, [1, 2]]);
  });

  it('throws the last error once the delays are spent, at once for a lasting failure or after a stop', async () => {
    const failing = (error: () => Error) => {
      const work = jest.fn(async () => {
        throw error();
      });
      return work;
    };
    const spent = failing(unavailable);
    await expect(retryTransient(spent, [1, 1])).rejects.toThrow('ECONNREFUSED');
    expect(spent).toHaveBeenCalledTimes(3);
    const lasting = failing(() => new ApiError(422, 'invalid', 'bad'));
    await expect(retryTransient(lasting, [1, 1])).rejects.toThrow('bad');
    expect(lasting).toHaveBeenCalledTimes(1);
    const stopped = new AbortController();
    stopped.abort();
    const afterStop = failing(unavailable);
    await expect(retryTransient(afterStop, [1, 1], { signal: stopped.signal })).rejects.toThrow('ECONNREFUSED');
    expect(afterStop).toHaveBeenCalledTimes(1);
  });
});

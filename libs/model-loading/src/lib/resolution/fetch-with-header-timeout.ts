/**
 * A fetch that gives up when no response headers arrive within `timeoutMs`, but lets a started
 * body stream as long as it needs (a 1 GB weight file must not be cut off by a probe-sized timeout).
 */
export function fetchWithHeaderTimeout(timeoutMs: number, fetchImpl: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`no response within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      return await fetchImpl(input, { ...init, signal });
    } finally {
      clearTimeout(timer);
    }
  };
}

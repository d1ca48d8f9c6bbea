import { ApiError } from './api-error';
import { apiFetch, withQuery } from './api-fetch';

function fakeFetch(response: Response | Error) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (response instanceof Error) throw response;
    return response;
  }) as unknown as typeof fetch;
  return { impl, calls };
}

describe('withQuery', () => {
  it('leaves out empty filters and encodes the rest', () => {
    expect(withQuery('/api/analyses', { label: 'POSITIVE', q: 'great food', source: '', from: undefined, page: 2 })).toBe(
      '/api/analyses?label=POSITIVE&q=great+food&page=2',
    );
  });

  it('appends to a path that already has a query and returns the bare path when nothing is set', () => {
    expect(withQuery('/api/jobs/1/results?format=csv', { x: 1 })).toBe('/api/jobs/1/results?format=csv&x=1');
    expect(withQuery('/api/analyses', { label: '' })).toBe('/api/analyses');
  });
});

describe('apiFetch', () => {
  it('sends JSON and returns the parsed body', async () => {
    const { impl, calls } = fakeFetch(new Response(JSON.stringify({ id: 'a1', label: 'POSITIVE' }), { status: 201 }));
    const result = await apiFetch<{ id: string; label: string }>('/api/analyze', { method: 'POST', json: { text: 'Great.' }, fetchImpl: impl });
    expect(result).toEqual({ id: 'a1', label: 'POSITIVE' });
    expect(calls[0].init.body).toBe('{"text":"Great."}');
    expect(new Headers(calls[0].init.headers).get('content-type')).toBe('application/json');
  });

  it("throws the API's own {error} message with status, code and details", async () => {
    const body = { error: 'Unknown column "txt"', code: 'unknown_column', details: ['available columns: id, text'] };
    const { impl } = fakeFetch(new Response(JSON.stringify(body), { status: 422 }));
    const failure = await apiFetch('/api/uploads', { fetchImpl: impl }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    const apiError = failure as ApiError;
    expect(apiError.message).toBe('Unknown column "txt"');
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('unknown_column');
    expect(apiError.detailLines).toEqual(['available columns: id, text']);
  });

  it('says plainly when the answer is not our error shape (a proxy page)', async () => {
    const { impl } = fakeFetch(new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiFetch('/api/analyses', { fetchImpl: impl })).rejects.toThrow('Bad Gateway (HTTP 502)');
  });

  it('reports an unreachable API as status 0', async () => {
    const { impl } = fakeFetch(new TypeError('fetch failed'));
    const failure = (await apiFetch('/api/analyses', { fetchImpl: impl }).catch((error: unknown) => error)) as ApiError;
    expect(failure.status).toBe(0);
    expect(failure.message).toMatch(/Could not reach the API/);
  });

  it('turns field detail objects into readable lines', () => {
    const error = new ApiError('Invalid input', 422, 'validation', [{ field: 'texts', message: 'must have at most 100 items' }, { message: 'bad' }]);
    expect(error.detailLines).toEqual(['texts: must have at most 100 items', 'bad']);
  });
});

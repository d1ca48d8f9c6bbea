import { ApiError, type ApiErrorBody } from './api-error';

export type QueryValue = string | number | boolean | null | undefined;

/**
 * `path?key=value…`, leaving out empty values so that an unset filter is absent rather than
 * `label=` (which an API may reject as invalid).
 */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  if (!search) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

export interface ApiRequest extends Omit<RequestInit, 'body'> {
  /** Sent as JSON (sets Content-Type). */
  json?: unknown;
  /** Sent as is (a CSV text, a File, FormData…). */
  body?: BodyInit | null;
  query?: Record<string, QueryValue>;
  /** The fetch to use (tests, server-side callers); default globalThis.fetch. */
  fetchImpl?: typeof fetch;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string';
}

/** Turns a non-2xx response into an ApiError carrying the API's `{error, code, details}`. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (isErrorBody(parsed)) return new ApiError(parsed.error, response.status, parsed.code, parsed.details);
  // A proxy or a crashed server answers without our error shape: say what happened plainly.
  const fallback = (text && text.length < 200 ? text : '') || response.statusText || 'Request failed';
  return new ApiError(`${fallback} (HTTP ${response.status})`, response.status);
}

/**
 * fetch for the product APIs: JSON in and out, and every failure — HTTP error, unreachable API,
 * malformed JSON — thrown as an ApiError with a message fit to show the person.
 */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const { json, query, fetchImpl = globalThis.fetch, headers, body, ...init } = request;
  const finalHeaders = new Headers(headers);
  if (!finalHeaders.has('Accept')) finalHeaders.set('Accept', 'application/json');
  let finalBody: BodyInit | null | undefined = body;
  if (json !== undefined) {
    finalHeaders.set('Content-Type', 'application/json');
    finalBody = JSON.stringify(json);
  }
  let response: Response;
  try {
    response = await fetchImpl(withQuery(path, query), { ...init, headers: finalHeaders, body: finalBody });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('Could not reach the API. Is it running?', 0, 'network_error');
  }
  if (!response.ok) throw await apiErrorFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(`The API answered with something other than JSON (HTTP ${response.status}).`, response.status, 'invalid_json');
  }
}

import type { ErrorBody } from '@matrix/product-contract';

/** The error body every product API sends (libs/product-contract); `code` may be missing when something else answered. */
export type ApiErrorBody = Omit<ErrorBody, 'code'> & Partial<Pick<ErrorBody, 'code'>>;

/**
 * A failed API call with the API's own message, so a page can show the person what to fix
 * ("text must be at most 20000 characters") rather than "Request failed".
 * `status` is 0 when the API could not be reached at all.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly details?: unknown,
    /** Seconds the API asked to wait (its Retry-After header on 429/503), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Detail lines worth showing (strings, or `{message}`/`{field, message}` objects); empty when none. */
  get detailLines(): string[] {
    const details = this.details;
    if (details === undefined || details === null) return [];
    const items = Array.isArray(details) ? details : [details];
    return items.map(describeDetail).filter((line): line is string => line !== undefined);
  }
}

function describeDetail(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (typeof item === 'number' || typeof item === 'boolean') return String(item);
  if (item && typeof item === 'object') {
    const record = item as Record<string, unknown>;
    const message = typeof record.message === 'string' ? record.message : undefined;
    const field = typeof record.field === 'string' ? record.field : typeof record.path === 'string' ? record.path : undefined;
    if (message) return field ? `${field}: ${message}` : message;
    return JSON.stringify(item);
  }
  return undefined;
}

/** A readable message for anything a page may catch. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong.';
}

/**
 * Whether an error is one that passes by itself — the API restarting or unreachable (0, 502), overloaded or not
 * ready (429, 503), slow (504) — so a page retries and shows "reconnecting…" rather than an error.
 */
export function isTemporaryApiError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504);
}

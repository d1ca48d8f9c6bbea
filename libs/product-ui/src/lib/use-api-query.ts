'use client';
import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from './api-fetch';

export interface ApiQuery<T> {
  /** The latest data; kept while a new request (other filters, reload) is in flight, so tables do not flicker. */
  data: T | undefined;
  /** The error of the latest request, if it failed. */
  error: unknown;
  loading: boolean;
  /** Fetch the same URL again (after a delete, on "Refresh"). */
  reload: () => void;
}

interface Settled<T> {
  key: string;
  data: T | undefined;
  error: unknown;
}

/**
 * GET a JSON resource whenever `url` changes (null: nothing to fetch). Loading is derived from which
 * request last settled rather than set inside the effect, and a superseded request is aborted, so a
 * slow old answer never overwrites a newer one.
 */
export function useApiQuery<T>(url: string | null): ApiQuery<T> {
  const [version, setVersion] = useState(0);
  const key = url === null ? null : `${version} ${url}`;
  const [settled, setSettled] = useState<Settled<T> | null>(null);

  useEffect(() => {
    if (key === null || url === null) return undefined;
    const controller = new AbortController();
    apiFetch<T>(url, { signal: controller.signal }).then(
      (data) => setSettled({ key, data, error: undefined }),
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled((previous) => ({ key, data: previous?.data, error }));
      },
    );
    return () => controller.abort();
  }, [key, url]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  const current = settled !== null && settled.key === key;
  return { data: settled?.data, error: current ? settled.error : undefined, loading: key !== null && !current, reload };
}

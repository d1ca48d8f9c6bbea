import type { QueryValue } from '@matrix/product-ui';
import { dayBoundary } from './date-range';

/** What the History filters hold (date inputs keep the person's local day). */
export interface HistoryFilters {
  label: string;
  q: string;
  from: string;
  to: string;
  source: string;
  /** Rows of one CSV upload (set by the upload's "See them in History" link). */
  jobId: string;
}

export const EMPTY_FILTERS: HistoryFilters = { label: '', q: '', from: '', to: '', source: '', jobId: '' };

/** The filters as the API's query (days → instants, whole days inclusive). */
export function historyQuery(filters: HistoryFilters): Record<string, QueryValue> {
  return {
    label: filters.label,
    q: filters.q.trim(),
    from: filters.from ? dayBoundary(filters.from, 'start') : undefined,
    to: filters.to ? dayBoundary(filters.to, 'end') : undefined,
    source: filters.source.trim(),
    jobId: filters.jobId,
  };
}

/** Filters from the page URL (?label=…&q=…), so a filtered view can be bookmarked and shared. */
export function filtersFromParams(params: { get(name: string): string | null }): HistoryFilters {
  return {
    label: params.get('label') ?? '',
    q: params.get('q') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    source: params.get('source') ?? '',
    jobId: params.get('jobId') ?? '',
  };
}

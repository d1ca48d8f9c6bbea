import type { QueryValue } from '@matrix/product-ui';

/** What the CSV form asks of an upload. */
export interface UploadOptions {
  /** The text column (header name or 1-based position). */
  column: string;
  hasHeader: boolean;
  /** Also find each row's aspects: the API stores them and adds an `aspects` column to the results. */
  aspects: boolean;
}

/** The options as POST /api/uploads reads them (its query: column, hasHeader, aspects). */
export function uploadQuery(options: UploadOptions): Record<string, QueryValue> {
  return { column: options.column, hasHeader: options.hasHeader, aspects: options.aspects };
}

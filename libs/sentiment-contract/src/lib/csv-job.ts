import type { JobView } from '@matrix/product-contract';

/** What a finished CSV job reports. */
export interface CsvJobResult {
  analysed: number;
  rejected: number;
}

/** A `csv-analysis` job (POST /api/uploads answers it; GET /api/jobs/:id shows it). */
export interface CsvJobView extends JobView<CsvJobResult> {
  /** Rows to analyse (rejected rows not included). */
  total: number;
  /** Rows refused at upload (empty text cell…); listed in the results. */
  rejected: number;
  column: string;
  filename: string | null;
  source: string | null;
  /** Where the results are, once the job has finished (CSV; add ?format=json for JSON). */
  resultsUrl: string | null;
}

/** POST /api/uploads */
export interface UploadResponse {
  job: CsvJobView;
}

import type { Job } from '@matrix/db';

/** Job.product and Job.kind of a CSV upload (the Job table is shared by every product). */
export const JOB_PRODUCT = 'sentiment';
export const JOB_KIND = 'csv-analysis';

/** Job.params of a CSV upload. */
export interface CsvJobParams {
  column: string;
  hasHeader: boolean;
  filename: string | null;
  source: string | null;
  rows: number;
  rejected: number;
}

/** A job as GET /api/jobs/:id shows it. */
export interface JobView {
  id: string;
  status: string;
  /** Fraction of the rows to analyse that are done, 0..1. */
  progress: number;
  /** Rows to analyse (rejected rows not included). */
  total: number;
  done: number;
  /** Rows refused at upload (empty text cell…); listed in the results. */
  rejected: number;
  column: string;
  filename: string | null;
  source: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Where the results are, once the job has finished (CSV; add ?format=json for JSON). */
  resultsUrl: string | null;
}

export function toJobView(job: Job): JobView {
  const params = JSON.parse(job.params) as CsvJobParams;
  const finished = job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    total: job.total ?? params.rows,
    done: job.done,
    rejected: params.rejected,
    column: params.column,
    filename: params.filename,
    source: params.source,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    resultsUrl: finished ? `/api/jobs/${job.id}/results` : null,
  };
}

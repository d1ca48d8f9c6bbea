import type { Job } from '@matrix/db';
import { isFinishedJob, type CsvJobResult, type CsvJobView } from '@matrix/sentiment-contract';
import { toJobView as toBaseJobView } from '@matrix/product-server';

export type { CsvJobView };

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

/** A CSV job as /api/jobs/:id and POST /api/uploads show it. */
export function toJobView(job: Job): CsvJobView {
  const params = JSON.parse(job.params) as CsvJobParams;
  return {
    ...toBaseJobView<CsvJobResult>(job),
    total: job.total ?? params.rows,
    rejected: params.rejected,
    column: params.column,
    filename: params.filename,
    source: params.source,
    resultsUrl: isFinishedJob(job.status) ? `/api/jobs/${job.id}/results` : null,
  };
}

import { randomUUID } from 'node:crypto';
import { loadLabelledTsv, sst2Path } from '@matrix/datasets';
import { call, waitFor } from '@matrix/dev-harness';
import { isFinishedJob } from '@matrix/product-contract';
import { withAdminToken } from '@matrix/dev-harness';

/** A job as the sentiment API shows it (GET /api/jobs/:id); only what the suite reads. */
export interface SentimentJob {
  id: string;
  status: string;
  done: number;
  total: number | null;
  error: string | null;
}

/** What became of a CSV job's rows, counted from the API's own results and stored analyses. */
export interface RowAccount {
  expected: number;
  /** Distinct data rows with a stored analysis. */
  analysedOnce: number;
  /** Data rows with no analysis (not analysed, or missing from the results). */
  lost: number;
  /** Stored analyses beyond one per row (a second job for the same file included). */
  duplicated: number;
  /** Jobs in the product's database (1 unless a resubmission created another). */
  jobs: number;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `rows` real review sentences (SST-2 train, in file order) as a CSV with an `id` and a `text` column. */
export function sentimentCsv(rows: number): string {
  const sentences = loadLabelledTsv(sst2Path('train')).map((row) => row.sentence);
  if (sentences.length < rows) throw new Error(`SST-2 train has ${sentences.length} sentences, fewer than the ${rows} rows asked for`);
  return ['id,text', ...sentences.slice(0, rows).map((sentence, i) => `${i + 1},${csvField(sentence)}`)].join('\n') + '\n';
}

/** Uploads the CSV as the web does (column `text`), with an idempotency key (kept by APIs that honour it, ignored by others). */
export async function uploadCsv(apiUrl: string, csv: string): Promise<SentimentJob> {
  const response = await fetch(`${apiUrl}/api/uploads?column=text&hasHeader=true&filename=chaos.csv`, {
    method: 'POST',
    headers: withAdminToken({ 'content-type': 'text/csv', 'idempotency-key': randomUUID() }),
    body: csv,
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`POST /api/uploads answered ${response.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { job: SentimentJob }).job;
}

/** The job now, or undefined while the API does not answer (it is being restarted). */
export async function readJob(apiUrl: string, id: string): Promise<SentimentJob | undefined> {
  try {
    const reply = await call('GET', `${apiUrl}/api/jobs/${encodeURIComponent(id)}`);
    return reply.status === 200 ? (reply.body as SentimentJob) : undefined;
  } catch {
    return undefined;
  }
}

export function isFinished(job: SentimentJob): boolean {
  return isFinishedJob(job.status);
}

/** Polls until the job has done at least `rows` rows (the moment to strike), or it finished first. */
export function untilDone(apiUrl: string, id: string, rows: number, timeoutMs = 300_000): Promise<SentimentJob> {
  return waitFor(
    `job ${id} to pass row ${rows}`,
    async () => {
      const job = await readJob(apiUrl, id);
      return job && (job.done >= rows || isFinished(job)) ? job : undefined;
    },
    timeoutMs,
    100,
  );
}

/** Polls until the job has finished (succeeded, failed or cancelled), riding out an API that does not answer for a while. */
export function untilFinished(apiUrl: string, id: string, timeoutMs: number): Promise<SentimentJob> {
  return waitFor(
    `job ${id} to finish`,
    async () => {
      const job = await readJob(apiUrl, id);
      return job && isFinished(job) ? job : undefined;
    },
    timeoutMs,
    500,
  );
}

/**
 * Counts the rows of a finished job from the API: its results (one line per data row, analysed
 * or not) and every stored analysis and job of the product, so a row stored twice — or a second
 * job for the same file — shows as duplicated.
 */
export async function accountRows(apiUrl: string, jobId: string, expected: number): Promise<RowAccount> {
  const results = await call('GET', `${apiUrl}/api/jobs/${encodeURIComponent(jobId)}/results?format=json`);
  if (results.status !== 200) throw new Error(`GET /api/jobs/${jobId}/results answered ${results.status}: ${results.text.slice(0, 300)}`);
  const rows = (results.body as { rows: Array<{ row: number; status: string }> }).rows;
  const analysed = new Set(rows.filter((row) => row.status === 'analyzed').map((row) => row.row));
  const stored = await call('GET', `${apiUrl}/api/analyses?pageSize=1`);
  const jobs = await call('GET', `${apiUrl}/api/jobs?pageSize=1`);
  if (stored.status !== 200 || jobs.status !== 200) throw new Error(`GET /api/analyses or /api/jobs answered ${stored.status} / ${jobs.status}`);
  const total = (stored.body as { total: number }).total;
  return {
    expected,
    analysedOnce: analysed.size,
    lost: expected - analysed.size,
    duplicated: Math.max(0, total - analysed.size),
    jobs: (jobs.body as { total: number }).total,
  };
}

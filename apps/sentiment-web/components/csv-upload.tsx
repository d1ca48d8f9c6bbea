'use client';
import Link from 'next/link';
import { useState } from 'react';
import {
  apiFetch,
  Card,
  ErrorBanner,
  FileDropZone,
  isTemporaryApiError,
  JobWaitingNotice,
  newIdempotencyKey,
  ProgressBar,
  ReconnectingNotice,
  RequireRole,
  RetryJobButton,
  usePolledJob,
  withQuery,
} from '@matrix/product-ui';
import type { JobState, UploadResponse } from '../lib/api-types';
import { guessTextColumn, previewCsv, type CsvPreview } from '../lib/csv-columns';
import { isFinished, jobPercent, jobProgressText } from '../lib/job-progress';
import { uploadQuery } from '../lib/upload-query';

/** The upload route's body limit (5 MiB). */
const MAX_BYTES = 5 * 1024 * 1024;
const POLL_MS = 600;
/** Tries of one upload while the API is unreachable (about a minute with backoff) before the error is shown. */
const UPLOAD_ATTEMPTS = 7;

/**
 * Upload a CSV, pick the text column, and follow the job until its results can be downloaded. The upload carries an
 * Idempotency-Key made when the file is chosen, so sending it again never starts a second job; while the API
 * restarts the panel says "reconnecting…" and keeps following the job.
 */
export function CsvUpload() {
  const [file, setFile] = useState<File | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [csv, setCsv] = useState('');
  const [hasHeader, setHasHeader] = useState(true);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [column, setColumn] = useState('');
  const [aspects, setAspects] = useState(false);
  /** Aspects as asked by the job on screen (the option may change after it started). */
  const [jobAspects, setJobAspects] = useState(false);
  const { job, setJob, reconnecting, error: followError } = usePolledJob<JobState>(null, { intervalMs: POLL_MS });
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [uploadReconnecting, setUploadReconnecting] = useState(false);

  const choose = async (chosen: File) => {
    setError(null);
    setJob(null);
    const text = await chosen.text();
    setFile(chosen);
    setIdempotencyKey(newIdempotencyKey());
    setCsv(text);
    showColumns(text, hasHeader);
  };

  const showColumns = (text: string, header: boolean) => {
    const next = previewCsv(text, header);
    setPreview(next);
    setColumn(guessTextColumn(next) ?? '');
    if (next.columns.length === 0) setError(new Error('The file has no rows.'));
  };

  const start = async () => {
    if (!file) return;
    setStarting(true);
    setError(null);
    try {
      // Sent again while the API restarts: safe, the Idempotency-Key makes it one job however often it arrives.
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await apiFetch<UploadResponse>(withQuery('/api/uploads', uploadQuery({ column, hasHeader, aspects })), {
            method: 'POST',
            headers: { 'Content-Type': 'text/csv', 'Idempotency-Key': idempotencyKey },
            body: csv,
          });
          setJob(response.job);
          setJobAspects(aspects);
          break;
        } catch (caught) {
          if (!isTemporaryApiError(caught) || attempt >= UPLOAD_ATTEMPTS) throw caught;
          setUploadReconnecting(true);
          await new Promise((resolve) => setTimeout(resolve, Math.min(15_000, 1000 * 2 ** (attempt - 1))));
        }
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setUploadReconnecting(false);
      setStarting(false);
    }
  };

  const running = Boolean(job && !isFinished(job));
  return (
    <Card title="Upload a CSV">
      <div className="mx-stack">
        <FileDropZone
          label="CSV file"
          accept=".csv,text/csv,text/plain"
          hint="A .csv file up to 5 MiB; one row per text"
          maxBytes={MAX_BYTES}
          disabled={running}
          onFile={choose}
          onReject={(message) => setError(new Error(message))}
        />
        {preview && preview.columns.length > 0 ? (
          <>
            <div className="mx-row" style={{ alignItems: 'flex-end' }}>
              <div className="mx-field" style={{ minWidth: 220 }}>
                <label htmlFor="csv-column">Text column</label>
                <select id="csv-column" className="mx-select" value={column} onChange={(event) => setColumn(event.target.value)} disabled={running}>
                  {preview.columns.map((name, index) => (
                    <option key={preview.values[index]} value={preview.values[index]}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
              <label className="mx-checkbox">
                <input
                  type="checkbox"
                  checked={hasHeader}
                  disabled={running}
                  onChange={(event) => {
                    setHasHeader(event.target.checked);
                    showColumns(csv, event.target.checked);
                  }}
                />
                First row is a header
              </label>
              <label className="mx-checkbox">
                <input
                  type="checkbox"
                  checked={aspects}
                  disabled={running}
                  onChange={(event) => {
                    setAspects(event.target.checked);
                    // Another request, another job: the key of the upload without this option must not answer for it.
                    setIdempotencyKey(newIdempotencyKey());
                  }}
                />
                Find aspects (sentiment per aspect, an aspects column in the results)
              </label>
              <span className="mx-muted">
                {preview.rowCount} row{preview.rowCount === 1 ? '' : 's'} in {file?.name}
              </span>
            </div>
            <CsvSample preview={preview} column={column} />
            <div>
              <RequireRole role="analyst" fallback={<span className="mx-muted">Running analyses needs the analyst role.</span>}>
                <button type="button" className="mx-button" onClick={start} disabled={starting || running || !column}>
                  {starting ? 'Uploading…' : 'Start analysis'}
                </button>
              </RequireRole>
            </div>
          </>
        ) : null}
        <ReconnectingNotice active={uploadReconnecting} />
        <ErrorBanner error={error ?? followError} title="The CSV could not be processed" onDismiss={() => setError(null)} />
        {job ? <JobPanel job={job} aspects={jobAspects} reconnecting={reconnecting} onRetried={(retried) => setJob(retried as JobState)} /> : null}
      </div>
    </Card>
  );
}

function CsvSample({ preview, column }: { preview: CsvPreview; column: string }) {
  const selected = preview.values.indexOf(column);
  return (
    <div className="mx-table-wrap">
      <table className="mx-table sentiment-csv-sample">
        <caption>First rows of the file</caption>
        <thead>
          <tr>
            {preview.columns.map((name, index) => (
              <th key={index} scope="col" className={index === selected ? 'sentiment-selected-column' : undefined}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.sample.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {preview.columns.map((_, index) => (
                <td key={index} className={index === selected ? 'sentiment-selected-column' : undefined}>
                  {row[index] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function JobPanel({ job, aspects, reconnecting, onRetried }: { job: JobState; aspects: boolean; reconnecting: boolean; onRetried: (job: object) => void }) {
  const percent = jobPercent(job);
  const status = job.status === 'succeeded' ? 'done' : job.status === 'failed' || job.status === 'cancelled' ? 'failed' : 'active';
  const results = `/api/jobs/${encodeURIComponent(job.id)}/results`;
  return (
    <section className="sentiment-job" aria-label="Upload job">
      <ProgressBar label="Job progress" value={percent} valueText={jobProgressText(job)} status={status} />
      <p className="mx-muted" aria-live="polite">
        Job <code>{job.id}</code>: {job.waiting ? 'paused' : job.status}
      </p>
      <ReconnectingNotice active={reconnecting} />
      {isFinished(job) ? null : <JobWaitingNotice waiting={job.waiting} />}
      {job.status === 'failed' || job.status === 'cancelled' ? (
        <>
          <ErrorBanner error={job.error ?? `The job ${job.status}.`} title="The job did not finish" />
          <RetryJobButton job={job} onRetried={onRetried} label={`Analyse the ${Math.max(0, (job.total ?? 0) - job.done)} rows not done`} />
        </>
      ) : null}
      {job.status === 'succeeded' && aspects ? (
        <p className="mx-muted">
          The CSV ends with an <code>aspects</code> column: each aspect found with its label (<code>staff=POSITIVE; breakfast=NEGATIVE</code>); the JSON holds
          them with their offsets and scores.
        </p>
      ) : null}
      {job.status === 'succeeded' ? (
        <div className="mx-row">
          <a className="mx-button" href={`${results}?format=csv`} download>
            Download results (CSV)
          </a>
          <a className="mx-button mx-button--secondary" href={`${results}?format=json`} download>
            Download results (JSON)
          </a>
          <Link className="mx-button mx-button--secondary" href={`/history?jobId=${encodeURIComponent(job.id)}`}>
            See them in History
          </Link>
        </div>
      ) : null}
    </section>
  );
}

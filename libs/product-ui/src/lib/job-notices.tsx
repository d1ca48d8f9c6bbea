'use client';
import type { JobView, JobWaiting } from '@matrix/product-contract';
import { useState } from 'react';
import { apiFetch } from './api-fetch';
import { ErrorBanner } from './error-banner';

/** "Reconnecting…" while the API cannot be reached (it restarts): progress shown is the last seen, and polling goes on. */
export function ReconnectingNotice({ active }: { active: boolean }) {
  if (!active) return null;
  return (
    <p className="mx-notice mx-notice--reconnecting" role="status">
      <span className="mx-notice__title">Reconnecting…</span> the service is not answering right now (it may be restarting); the progress below is the last seen
      and updates again as soon as it is back.
    </p>
  );
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString();

/** Why a job is paused (JobView.waiting) and when it tries again; it resumes by itself. */
export function JobWaitingNotice({ waiting }: { waiting: JobWaiting | null | undefined }) {
  if (!waiting) return null;
  return (
    <p className="mx-notice mx-notice--waiting" role="status">
      <span className="mx-notice__title">Paused, {waiting.reason}</span> since {timeOf(waiting.since)}; next try at {timeOf(waiting.nextAttemptAt)}. The job
      goes on by itself when it is back (it fails only if still unavailable at {timeOf(waiting.giveUpAt)}).
    </p>
  );
}

export interface RetryJobButtonProps {
  job: Pick<JobView, 'id' | 'retryable'>;
  /** Gets the job as the API answered the retry (queued again): follow it. */
  onRetried: (job: JobView) => void;
  /** The retry route (default `/api/jobs/:id/retry`). */
  url?: string;
  label?: string;
}

/** Runs a failed job again for the work not done (rows analysed before are kept, not redone). */
export function RetryJobButton({ job, onRetried, url, label = 'Retry the rest' }: RetryJobButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!job.retryable) return null;
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      onRetried(await apiFetch<JobView>(url ?? `/api/jobs/${encodeURIComponent(job.id)}/retry`, { method: 'POST' }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mx-stack">
      <div>
        <button type="button" className="mx-button" onClick={retry} disabled={busy}>
          {busy ? 'Retrying…' : label}
        </button>
      </div>
      <ErrorBanner error={error} title="The job could not be retried" onDismiss={() => setError(null)} />
    </div>
  );
}

/** A new Idempotency-Key for an upload: one per chosen file, so sending it again (a retry, a second click) never makes a second job. */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

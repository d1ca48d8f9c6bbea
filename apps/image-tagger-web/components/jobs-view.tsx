'use client';
import { useEffect, useState } from 'react';
import type { Capabilities, JobScope, Page, TaggingJobView } from '@matrix/image-tagger-contract';
import { apiFetch, Card, ErrorBanner, JobWaitingNotice, ProgressBar, ReconnectingNotice, RetryJobButton, useApiQuery, usePolledJob } from '@matrix/product-ui';
import { isFinished, jobProgressText } from '../lib/tag-display';

const SCOPES: Array<{ value: JobScope; label: string }> = [
  { value: 'untagged', label: 'Images not tagged yet (or failed)' },
  { value: 'stale', label: 'Images tagged by an older model version' },
  { value: 'all', label: 'Every image' },
  { value: 'collection', label: 'One collection' },
];

/** Start bulk tagging / re-tagging jobs and watch their progress live. */
export function JobsView() {
  // Tagging jobs only: the API also runs the first-run demo job (kind demo-data), which has no scope or features.
  const jobs = useApiQuery<Page<TaggingJobView>>('/api/jobs?kind=tag-images&pageSize=20');
  const capabilities = useApiQuery<Capabilities>('/api/capabilities');
  const [scope, setScope] = useState<JobScope>('untagged');
  const [collection, setCollection] = useState('');
  const [detect, setDetect] = useState(false);
  const [started, setStarted] = useState<TaggingJobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Follow the started job (or one still running): polling that rides out an API restart ("reconnecting…").
  const { job: current, setJob: follow, reconnecting } = usePolledJob<TaggingJobView>(null);
  const candidate = started ?? jobs.data?.items.find((j) => !isFinished(j)) ?? null;
  const followedId = current?.id;
  useEffect(() => {
    if (candidate && candidate.id !== followedId) follow(candidate);
  }, [candidate, followedId, follow]);
  const currentFinished = current ? isFinished(current) : true;
  const { reload } = jobs;
  useEffect(() => {
    if (currentFinished) reload();
  }, [currentFinished, reload]);

  const start = async () => {
    setError(null);
    try {
      const job = await apiFetch<TaggingJobView>('/api/jobs', {
        method: 'POST',
        json: { scope, collection: scope === 'collection' ? collection : undefined, features: detect ? ['classify', 'detect'] : ['classify'] },
      });
      setStarted(job);
      jobs.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <Card title="Tag in bulk">
        {capabilities.data?.staleImages ? (
          <p className="it-note">
            {capabilities.data.staleImages} image{capabilities.data.staleImages === 1 ? ' was' : 's were'} tagged by another version than the served{' '}
            {capabilities.data.classify.model}@{capabilities.data.classify.version}: re-tag them with “older model version”.
          </p>
        ) : null}
        <div className="mx-row">
          <label className="mx-field">
            <span className="mx-label">Which images</span>
            <select className="mx-select" value={scope} onChange={(e) => setScope(e.target.value as JobScope)}>
              {SCOPES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          {scope === 'collection' ? (
            <label className="mx-field">
              <span className="mx-label">Collection</span>
              <input className="mx-input" value={collection} onChange={(e) => setCollection(e.target.value)} />
            </label>
          ) : null}
          <label className="mx-checkbox">
            <input type="checkbox" checked={detect} onChange={(e) => setDetect(e.target.checked)} /> Objects too (slower)
          </label>
          <button type="button" className="mx-button" onClick={() => void start()}>
            Start job
          </button>
        </div>
        {current ? (
          <ProgressBar
            label={`Job ${current.id.slice(0, 8)} (${current.scope})`}
            value={current.done}
            max={Math.max(current.total, 1)}
            valueText={jobProgressText(current)}
            status={current.status === 'failed' ? 'failed' : isFinished(current) ? 'done' : 'active'}
          />
        ) : null}
        <ReconnectingNotice active={reconnecting} />
        {current && !isFinished(current) ? <JobWaitingNotice waiting={current.waiting} /> : null}
        {current?.error ? <p className="it-note">{current.error}</p> : null}
        {current ? <RetryJobButton job={current} onRetried={(job) => follow(job as TaggingJobView)} label="Tag the images not done" /> : null}
      </Card>
      <ErrorBanner error={error ?? jobs.error} onDismiss={() => setError(null)} />
      <Card title="Recent jobs">
        <table className="it-tags">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Scope</th>
              <th scope="col">Why</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data?.items.map((job) => (
              <tr key={job.id} data-job={job.id}>
                <td>{new Date(job.createdAt).toLocaleString()}</td>
                <td>
                  {job.scope}
                  {job.collection ? ` (${job.collection})` : ''} · {job.features.join(', ')}
                </td>
                <td>{job.reason === 'model-change' ? 'new model version' : 'requested'}</td>
                <td>{jobProgressText(job)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}

'use client';
import { useEffect, useState } from 'react';
import {
  apiFetch,
  Badge,
  BarChartCard,
  Card,
  DataTable,
  ErrorBanner,
  JobWaitingNotice,
  LineChartCard,
  ProgressBar,
  ReconnectingNotice,
  RequireRole,
  StatCard,
  StatGrid,
  useApiQuery,
  usePolledJob,
  withQuery,
} from '@matrix/product-ui';
import type { ActiveModelState, ModelVersionView, Page, TrainingJobView } from '../lib/api-types';
import { metricRows, secondsRows, versionLabel } from '../lib/model-charts';

const SECONDS_COLORS = ['#3b5bdb', '#2b8a3e', '#e67700', '#c92a2a', '#862e9c', '#0b7285'];
const fmt = (value: unknown) => (typeof value === 'number' ? value.toFixed(4) : '–');

/** Model versions with hold-out metrics and charts, the served version, and training with live progress and cancel. */
export function ModelsDashboard() {
  const versions = useApiQuery<Page<ModelVersionView>>(withQuery('/api/models', { pageSize: 50 }));
  const active = useApiQuery<ActiveModelState>('/api/models/active');
  const jobs = useApiQuery<Page<TrainingJobView>>(withQuery('/api/training-jobs', { pageSize: 1 }));
  const [error, setError] = useState<unknown>(null);
  // The training job, polled every 500 ms until it ends; an API restart shows "reconnecting…" and polling goes on.
  const {
    job,
    setJob,
    reconnecting,
    error: followError,
  } = usePolledJob<TrainingJobView>(null, { intervalMs: 500, url: (id) => `/api/training-jobs/${encodeURIComponent(id)}` });
  const latest = job ?? jobs.data?.items[0] ?? null;
  const running = latest !== null && (latest.status === 'queued' || latest.status === 'running');

  // A job already running when the page opens is followed too.
  const listed = jobs.data?.items[0];
  useEffect(() => {
    if (!job && listed && (listed.status === 'queued' || listed.status === 'running')) setJob(listed);
  }, [job, listed, setJob]);

  // Refresh the versions once the followed job ends.
  const { reload: reloadVersions } = versions;
  const { reload: reloadActive } = active;
  const ended = job !== null && job.status !== 'queued' && job.status !== 'running';
  useEffect(() => {
    if (!ended) return;
    reloadVersions();
    reloadActive();
  }, [ended, reloadVersions, reloadActive]);

  const train = async () => {
    setError(null);
    try {
      setJob(await apiFetch<TrainingJobView>('/api/training-jobs', { method: 'POST', json: {} }));
    } catch (caught) {
      setError(caught);
    }
  };
  const cancel = async () => {
    if (!latest) return;
    try {
      setJob(await apiFetch<TrainingJobView>(`/api/training-jobs/${latest.id}/cancel`, { method: 'POST' }));
    } catch (caught) {
      setError(caught);
    }
  };

  const list = versions.data?.items ?? [];
  const newest = list[0];
  const metrics = metricRows(list);
  const seconds = secondsRows(list);
  return (
    <>
      <ErrorBanner error={error ?? followError ?? versions.error ?? active.error} title="The model dashboard could not be loaded" />
      <StatGrid label="Served model">
        <StatCard
          label="Served version"
          value={active.data?.version ? versionLabel(active.data.version) : 'none'}
          hint={active.data?.ranker ?? active.data?.reason}
          tone={active.data?.ok ? 'positive' : 'warning'}
        />
        <StatCard label="nDCG@10 (hold-out)" value={fmt(newest?.metrics['ndcg@10'])} hint="newest version" />
        <StatCard label="RMSE (biased MF)" value={fmt(newest?.metrics.rmse)} hint="held-out ratings" tone="neutral" />
        <StatCard
          label="Interactions"
          value={(newest?.counts.interactions ?? 0).toLocaleString()}
          hint={`${newest?.counts.users ?? 0} users · ${newest?.counts.items ?? 0} items`}
          tone="neutral"
        />
      </StatGrid>
      <Card title="Training" ariaLabel="Training">
        {/* Training and cancelling are an admin's (the API refuses others: 403); everyone sees the progress. */}
        <RequireRole role="admin" fallback={<p className="mx-muted">Only an admin starts or cancels training.</p>}>
          <div className="mx-row">
            <button type="button" className="mx-button" onClick={train} disabled={running}>
              Train a new version
            </button>
            <button type="button" className="mx-button mx-button--secondary" onClick={cancel} disabled={!running}>
              Cancel training
            </button>
          </div>
        </RequireRole>
        {latest ? (
          <ProgressBar
            label={`Job ${latest.id}: ${latest.status}${latest.stage ? ` · ${latest.stage}` : ''}${latest.detail ? ` · ${latest.detail}` : ''}`}
            value={latest.progress * 100}
            status={latest.status === 'succeeded' ? 'done' : latest.status === 'failed' || latest.status === 'cancelled' ? 'failed' : 'active'}
          />
        ) : (
          <p className="mx-muted">No training job yet.</p>
        )}
        <ReconnectingNotice active={reconnecting} />
        {running ? <JobWaitingNotice waiting={latest?.waiting} /> : null}
        {latest?.error ? <p className="mx-muted">{latest.error}</p> : null}
      </Card>
      <div className="mx-grid">
        <Card ariaLabel="Ranking metrics chart">
          <LineChartCard
            title="Ranking quality per version"
            description="hold-out split, k = 10"
            data={metrics}
            xKey="version"
            series={[
              { key: 'ndcg', label: 'nDCG@10', color: '#3b5bdb' },
              { key: 'precision', label: 'Precision@10', color: '#2b8a3e' },
              { key: 'recall', label: 'Recall@10', color: '#e67700' },
              { key: 'map', label: 'MAP@10', color: '#862e9c' },
            ]}
            yDomain={[0, 1]}
            summary={metrics.map((m) => `${m.version}: nDCG@10 ${m.ndcg ?? 'n/a'}`).join('; ')}
            emptyMessage="No versions with hold-out metrics yet."
          />
        </Card>
        <Card ariaLabel="RMSE chart">
          <LineChartCard
            title="Rating error per version"
            description="biased MF, RMSE on held-out ratings (lower is better)"
            data={metrics}
            xKey="version"
            series={[{ key: 'rmse', label: 'RMSE', color: '#c92a2a' }]}
            summary={metrics.map((m) => `${m.version}: RMSE ${m.rmse ?? 'n/a'}`).join('; ')}
            emptyMessage="No versions with ratings yet."
          />
        </Card>
      </div>
      <Card ariaLabel="Training time chart">
        <BarChartCard
          title="Training time per version"
          description="seconds per model"
          data={seconds.rows}
          xKey="version"
          series={seconds.models.map((m, i) => ({ key: m, label: m, color: SECONDS_COLORS[i % SECONDS_COLORS.length] }))}
          stacked
          summary={seconds.rows.map((r) => `${r.version}: ${seconds.models.map((m) => `${m} ${r[m]} s`).join(', ')}`).join('; ')}
          emptyMessage="No versions yet."
        />
      </Card>
      <Card title="Versions" ariaLabel="Versions">
        <DataTable<ModelVersionView>
          caption="Trained versions, newest first"
          hideCaption
          rows={list}
          rowKey={(row) => row.version}
          emptyMessage="No trained version yet: train one above."
          columns={[
            {
              key: 'version',
              header: 'Version',
              render: (row) => (
                <>
                  {row.version} {row.active ? <Badge tone="positive">served</Badge> : null}
                </>
              ),
            },
            { key: 'ranker', header: 'Ranker' },
            { key: 'ndcg', header: 'nDCG@10', numeric: true, render: (row) => fmt(row.metrics['ndcg@10']) },
            { key: 'precision', header: 'P@10', numeric: true, render: (row) => fmt(row.metrics['precision@10']) },
            { key: 'recall', header: 'R@10', numeric: true, render: (row) => fmt(row.metrics['recall@10']) },
            { key: 'rmse', header: 'RMSE', numeric: true, render: (row) => fmt(row.metrics.rmse) },
            { key: 'interactions', header: 'Interactions', numeric: true, render: (row) => (row.counts.interactions ?? 0).toLocaleString() },
          ]}
        />
      </Card>
    </>
  );
}

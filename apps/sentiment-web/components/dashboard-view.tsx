'use client';
import { useState } from 'react';
import { BarChartCard, Card, DataTable, ErrorBanner, LineChartCard, PieChartCard, StatCard, StatGrid, useApiQuery, withQuery } from '@matrix/product-ui';
import { headlineStats } from '../lib/aggregate-stats';
import { SENTIMENT_LABELS, type AspectAggregate, type Aggregates, type TopAspects } from '../lib/api-types';
import { bucketLabel, daysAgo } from '../lib/date-range';
import { formatScore, LABEL_STYLE } from '../lib/labels';

interface RangeOption {
  value: string;
  label: string;
  days: number | null;
  interval: 'day' | 'hour';
}

const RANGES: RangeOption[] = [
  { value: '1', label: 'Last 24 hours', days: 1, interval: 'hour' },
  { value: '7', label: 'Last 7 days', days: 7, interval: 'day' },
  { value: '30', label: 'Last 30 days', days: 30, interval: 'day' },
  { value: 'all', label: 'All time', days: null, interval: 'day' },
];

const LABEL_SERIES = SENTIMENT_LABELS.map((label) => ({ key: label, label: LABEL_STYLE[label].title, color: LABEL_STYLE[label].color }));

function countText(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'analysis' : 'analyses'}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

const ASPECT_COLUMNS = [
  { key: 'term', header: 'Aspect' },
  { key: 'positive', header: 'Praised', numeric: true, width: '90px' },
  { key: 'negative', header: 'Criticised', numeric: true, width: '90px' },
  { key: 'total', header: 'Mentions', numeric: true, width: '90px' },
  { key: 'meanScore', header: 'Mean score', numeric: true, width: '100px', render: (row: AspectAggregate) => formatScore(row.meanScore) },
];

/** Label distribution, volume and mean score over time (GET /api/analyses/aggregates), and the top praised / criticised aspects (GET /api/analyses/aspects). */
export function DashboardView() {
  const [range, setRange] = useState('30');
  const option = RANGES.find((item) => item.value === range) ?? RANGES[2];
  // "Since N days ago" is fixed when the range is picked, so the URL (and the request) stays stable.
  const [from, setFrom] = useState(() => daysAgo(30));
  const {
    data: aggregates,
    error,
    loading,
    reload,
  } = useApiQuery<Aggregates>(withQuery('/api/analyses/aggregates', { interval: option.interval, from: option.days === null ? undefined : from }));

  const { data: aspects, error: aspectsError } = useApiQuery<TopAspects>(
    withQuery('/api/analyses/aspects', { limit: '10', from: option.days === null ? undefined : from }),
  );

  const pick = (value: string) => {
    const next = RANGES.find((item) => item.value === value) ?? RANGES[2];
    setRange(value);
    if (next.days !== null) setFrom(daysAgo(next.days));
  };

  const stats = aggregates ? headlineStats(aggregates) : null;
  const series = (aggregates?.series ?? []).map((bucket) => ({
    ...bucket,
    bucket: bucketLabel(bucket.bucket, option.interval),
    meanScore: bucket.meanScore === null || bucket.meanScore === undefined ? null : Number(bucket.meanScore.toFixed(3)),
  }));

  return (
    <>
      <div className="mx-row sentiment-toolbar">
        <div className="mx-field">
          <label htmlFor="dashboard-range">Time range</label>
          <select id="dashboard-range" className="mx-select" value={range} onChange={(event) => pick(event.target.value)}>
            {RANGES.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="mx-button mx-button--secondary" onClick={reload} disabled={loading}>
          {loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      <ErrorBanner error={error} title="The dashboard could not be loaded" />
      {stats ? (
        <StatGrid label="Totals">
          <StatCard label="Analyses" value={stats.total.toLocaleString()} hint={option.label} />
          <StatCard label="Positive" value={percent(stats.share.POSITIVE)} hint={countText(aggregates?.byLabel.POSITIVE ?? 0)} tone="positive" />
          <StatCard label="Negative" value={percent(stats.share.NEGATIVE)} hint={countText(aggregates?.byLabel.NEGATIVE ?? 0)} tone="negative" />
          <StatCard
            label="Neutral / mixed"
            value={percent(stats.share.NEUTRAL + stats.share.MIXED)}
            hint={countText((aggregates?.byLabel.NEUTRAL ?? 0) + (aggregates?.byLabel.MIXED ?? 0))}
            tone="neutral"
          />
          <StatCard label="Mean score" value={stats.meanScore === null ? '–' : formatScore(stats.meanScore)} hint="−1 … +1" tone="warning" />
        </StatGrid>
      ) : null}
      {aggregates ? (
        <>
          <div className="mx-grid">
            <Card ariaLabel="Label distribution chart">
              <PieChartCard
                title="Label distribution"
                description={option.label}
                data={SENTIMENT_LABELS.map((label) => ({
                  name: LABEL_STYLE[label].title,
                  value: aggregates.byLabel[label] ?? 0,
                  color: LABEL_STYLE[label].color,
                }))}
                emptyMessage="No analyses in this range yet."
              />
            </Card>
            <Card ariaLabel="Mean score chart">
              <LineChartCard
                title="Mean score over time"
                description={`per ${option.interval}`}
                data={series}
                xKey="bucket"
                series={[{ key: 'meanScore', label: 'Mean score', color: '#3b5bdb' }]}
                yDomain={[-1, 1]}
                summary={`Mean score per ${option.interval}: ${series.map((bucket) => `${bucket.bucket} ${bucket.meanScore ?? 'none'}`).join(', ')}`}
                emptyMessage="No analyses in this range yet."
              />
            </Card>
          </div>
          <Card ariaLabel="Trend chart">
            <BarChartCard
              title="Analyses over time by label"
              description={`per ${option.interval}, stacked`}
              data={series}
              xKey="bucket"
              series={LABEL_SERIES}
              stacked
              height={300}
              summary={`Analyses per ${option.interval}: ${series.map((bucket) => `${bucket.bucket} ${SENTIMENT_LABELS.map((label) => `${label} ${bucket[label] ?? 0}`).join(' ')}`).join('; ')}`}
              emptyMessage="No analyses in this range yet."
            />
          </Card>
        </>
      ) : null}
      <ErrorBanner error={aspectsError} title="The aspects could not be loaded" />
      {aspects ? (
        <div className="mx-grid">
          <DataTable
            caption="Top praised aspects"
            columns={ASPECT_COLUMNS}
            rows={aspects.praised}
            rowKey={(row) => row.term}
            emptyMessage="No praised aspects in this range (aspects are stored for texts analyzed with targets)."
          />
          <DataTable
            caption="Top criticised aspects"
            columns={ASPECT_COLUMNS}
            rows={aspects.criticised}
            rowKey={(row) => row.term}
            emptyMessage="No criticised aspects in this range."
          />
        </div>
      ) : null}
    </>
  );
}

'use client';
import Link from 'next/link';
import { Card, DataTable, DemoDataBanner, useApiQuery, withQuery, type Column } from '@matrix/product-ui';
import type { Analysis, Page } from '../lib/api-types';
import { formatScore } from '../lib/labels';
import { LabelBadge } from './label-badge';

const COLUMNS: Column<Analysis>[] = [
  { key: 'text', header: 'Text', render: (a) => (a.text.length > 120 ? `${a.text.slice(0, 117)}…` : a.text) },
  { key: 'label', header: 'Label', render: (a) => <LabelBadge label={a.label} /> },
  { key: 'score', header: 'Score', numeric: true, render: (a) => formatScore(a.score) },
  { key: 'source', header: 'Source', render: (a) => a.source ?? '' },
];

/** The latest analyses under the form (on first start: the demo texts, source "demo"), with the first-run banner. */
export function RecentAnalyses() {
  const recent = useApiQuery<Page<Analysis>>(withQuery('/api/analyses', { pageSize: 6 }));
  return (
    <>
      <DemoDataBanner what="a dozen demo movie reviews (SST-2)" onLoaded={recent.reload} />
      {recent.data?.items.length ? (
        <Card title="Recent analyses" ariaLabel="Recent analyses">
          <DataTable columns={COLUMNS} rows={recent.data.items} rowKey={(a) => a.id} caption="The latest analysed texts" hideCaption />
          <p className="mx-muted">
            {recent.data.items.some((a) => a.source === 'demo') ? 'Texts with the source “demo” were analysed on first start. ' : ''}
            <Link href="/history">All of them in History</Link>
          </p>
        </Card>
      ) : null}
    </>
  );
}

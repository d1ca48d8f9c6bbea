import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@matrix/product-ui';
import { HistoryView } from '../../components/history-view';

export const metadata: Metadata = { title: 'History' };

export default function HistoryPage() {
  return (
    <>
      <PageHeader title="History" description="Every stored analysis, newest first. Filter, page through, export or delete." />
      {/* useSearchParams (filters in the URL) needs a Suspense boundary for the static shell. */}
      <Suspense fallback={<p className="mx-muted">Loading…</p>}>
        <HistoryView />
      </Suspense>
    </>
  );
}

import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { HistoryView } from '../../components/history-view';

export const metadata: Metadata = { title: 'History' };

export default function HistoryPage() {
  return (
    <ProductPage
      title="History"
      description="Every stored analysis, newest first. Filter, page through, export or delete."
      suspense
      fallback={<p className="mx-muted">Loading…</p>}
    >
      <HistoryView />
    </ProductPage>
  );
}

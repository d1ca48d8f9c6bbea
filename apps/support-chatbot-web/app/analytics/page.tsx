import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { AnalyticsView } from '../../components/analytics-view';

export const metadata: Metadata = { title: 'Analytics' };

export default function AnalyticsPage() {
  return (
    <ProductPage
      title="Analytics"
      description="How many conversations the bot handles alone, why the others reach a human, what customers ask, and which questions the knowledge base cannot answer yet."
    >
      <AnalyticsView />
    </ProductPage>
  );
}

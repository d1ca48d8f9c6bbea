import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { DashboardView } from '../../components/dashboard-view';

export const metadata: Metadata = { title: 'Dashboard' };

export default function DashboardPage() {
  return (
    <ProductPage title="Dashboard" description="How the stored analyses split by label, and how sentiment moves over time.">
      <DashboardView />
    </ProductPage>
  );
}

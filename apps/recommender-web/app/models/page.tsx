import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { ModelsDashboard } from '../../components/models-dashboard';

export const metadata: Metadata = { title: 'Models' };

export default function ModelsPage() {
  return (
    <ProductPage title="Models" description="Trained versions with their hold-out metrics, the version being served, and training with live progress.">
      <ModelsDashboard />
    </ProductPage>
  );
}

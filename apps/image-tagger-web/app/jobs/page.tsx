import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { JobsView } from '../../components/jobs-view';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <ProductPage title="Jobs" description="Tag or re-tag many images in the background; jobs survive a restart of the API and resume where they stopped.">
      <JobsView />
    </ProductPage>
  );
}

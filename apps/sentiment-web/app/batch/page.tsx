import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { CsvUpload } from '../../components/csv-upload';
import { PasteBatch } from '../../components/paste-batch';

export const metadata: Metadata = { title: 'Batch & CSV' };

export default function BatchPage() {
  return (
    <ProductPage
      title="Batch & CSV"
      description="Score up to 100 pasted lines at once, or upload a CSV of any length, pick its text column and download the results when the job is done."
    >
      <div className="sentiment-columns">
        <CsvUpload />
        <PasteBatch />
      </div>
    </ProductPage>
  );
}

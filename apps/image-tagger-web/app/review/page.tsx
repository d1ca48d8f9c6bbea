import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { ReviewView } from '../../components/review-view';

export const metadata: Metadata = { title: 'Review' };

export default function ReviewPage() {
  return (
    <ProductPage title="Review" description="Confirm what is right and reject what is wrong: the tagger tunes each tag’s threshold from your answers.">
      <ReviewView />
    </ProductPage>
  );
}

import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { UserRecommendations } from '../components/user-recommendations';

export const metadata: Metadata = { title: 'Recommendations' };

export default function RecommendationsPage() {
  return (
    <ProductPage title="Recommendations" description="Pick a user: their top items, excluding what they have seen, each with the reason it is there." suspense>
      <UserRecommendations />
    </ProductPage>
  );
}

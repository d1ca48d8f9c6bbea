import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { ItemDetail } from '../../../components/item-detail';

export const metadata: Metadata = { title: 'Item' };

export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <ProductPage title="Item" description="The item, and what people who liked it also liked (or, for a new item, what its description resembles).">
      <ItemDetail itemId={decodeURIComponent(id)} />
    </ProductPage>
  );
}

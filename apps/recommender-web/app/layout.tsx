import type { ReactNode } from 'react';
import { ProductLayout, productMetadata, type ProductIdentity } from '@matrix/product-ui';
import './recommender.css';

const PRODUCT: ProductIdentity = {
  name: 'Recommender',
  tagline: 'for you · similar · popular',
  description: 'Recommendations for each user with the reason for every item, similar items, and the models behind them.',
  nav: [
    { href: '/', label: 'Recommendations' },
    { href: '/models', label: 'Models' },
    { href: '/access', label: 'Access', role: 'admin' },
    { href: '/audit', label: 'Audit log', role: 'admin' },
  ],
  footer: 'Rankings come from the recommender API; the ranker runs on the shared inference gateway. Every item says why it is there.',
};

export const metadata = productMetadata(PRODUCT);

export default function RootLayout({ children }: { children: ReactNode }) {
  return <ProductLayout product={PRODUCT}>{children}</ProductLayout>;
}

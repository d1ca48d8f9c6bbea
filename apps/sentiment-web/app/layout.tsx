import type { ReactNode } from 'react';
import { ProductLayout, productMetadata, type ProductIdentity } from '@matrix/product-ui';
import './sentiment.css';

const PRODUCT: ProductIdentity = {
  name: 'Sentiment Analyzer',
  tagline: 'reviews · tickets · posts',
  description: 'Score reviews, tickets and posts: label, score, magnitude and per-sentence sentiment.',
  nav: [
    { href: '/', label: 'Analyze' },
    { href: '/batch', label: 'Batch & CSV' },
    { href: '/dashboard', label: 'Dashboard' },
    { href: '/history', label: 'History' },
    { href: '/access', label: 'Access', role: 'admin' },
    { href: '/audit', label: 'Audit log', role: 'admin' },
  ],
  footer: 'Scores come from the sentiment API through the shared inference gateway. Score −1…+1; magnitude = strength of emotion.',
};

export const metadata = productMetadata(PRODUCT);

export default function RootLayout({ children }: { children: ReactNode }) {
  return <ProductLayout product={PRODUCT}>{children}</ProductLayout>;
}

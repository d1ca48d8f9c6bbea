import type { ReactNode } from 'react';
import { ProductLayout, productMetadata, type ProductIdentity } from '@matrix/product-ui';
import './chatbot.css';

const PRODUCT: ProductIdentity = {
  name: 'Support Chatbot',
  tagline: 'answers · handoff · insights',
  description: 'Customer support chat with cited answers from the knowledge base, human handoff, agent console and analytics.',
  nav: [
    { href: '/', label: 'Chat' },
    { href: '/agent', label: 'Agent console' },
    { href: '/knowledge-base', label: 'Knowledge base' },
    { href: '/analytics', label: 'Analytics' },
  ],
  footer: 'Answers come from the knowledge base, chosen by an intent model served by the shared inference gateway. Unsure questions go to a human.',
};

export const metadata = productMetadata(PRODUCT);

export default function RootLayout({ children }: { children: ReactNode }) {
  return <ProductLayout product={PRODUCT}>{children}</ProductLayout>;
}

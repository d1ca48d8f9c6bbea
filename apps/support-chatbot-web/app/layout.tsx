import type { ReactNode } from 'react';
import { ProductLayout, productMetadata, type ProductIdentity } from '@matrix/product-ui';
import './chatbot.css';

const PRODUCT: ProductIdentity = {
  name: 'Support Chatbot',
  tagline: 'answers · handoff · insights',
  description: 'Customer support chat with cited answers from the knowledge base, human handoff, agent console and analytics.',
  nav: [
    { href: '/', label: 'Chat' },
    // Staff pages: not offered to the chat's visitors (signed out), the console only to agents (and admins).
    { href: '/agent', label: 'Agent console', role: 'agent' },
    { href: '/knowledge-base', label: 'Knowledge base', role: 'viewer' },
    { href: '/analytics', label: 'Analytics', role: 'viewer' },
    { href: '/access', label: 'Access', role: 'admin' },
    { href: '/audit', label: 'Audit log', role: 'admin' },
  ],
  // The visitor chat: open to the shop's customers (keep in step with publicPages in proxy.ts).
  publicPages: ['/'],
  footer: 'Answers come from the knowledge base, chosen by an intent model served by the shared inference gateway. Unsure questions go to a human.',
};

export const metadata = productMetadata(PRODUCT);

export default function RootLayout({ children }: { children: ReactNode }) {
  return <ProductLayout product={PRODUCT}>{children}</ProductLayout>;
}

'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell, type NavItem } from '@matrix/product-ui';

const NAV: NavItem[] = [
  { href: '/', label: 'Chat' },
  { href: '/agent', label: 'Agent console' },
  { href: '/knowledge-base', label: 'Knowledge base' },
  { href: '/analytics', label: 'Analytics' },
];

/** The product-ui shell with Next's client-side links and the current route marked. */
export function ChatbotShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <AppShell
      productName="Support Chatbot"
      tagline="answers · handoff · insights"
      nav={NAV}
      currentPath={pathname}
      linkComponent={Link}
      footer={<span>Answers come from the knowledge base, chosen by an intent model served by the shared inference gateway. Unsure questions go to a human.</span>}
    >
      {children}
    </AppShell>
  );
}

'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell, type NavItem } from '@matrix/product-ui';

const NAV: NavItem[] = [
  { href: '/', label: 'Analyze' },
  { href: '/batch', label: 'Batch & CSV' },
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/history', label: 'History' },
];

/** The product-ui shell with Next's client-side links and the current route marked. */
export function SentimentShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <AppShell
      productName="Sentiment Analyzer"
      tagline="reviews · tickets · posts"
      nav={NAV}
      currentPath={pathname}
      linkComponent={Link}
      footer={<span>Scores come from the sentiment API through the shared inference gateway. Score −1…+1; magnitude = strength of emotion.</span>}
    >
      {children}
    </AppShell>
  );
}

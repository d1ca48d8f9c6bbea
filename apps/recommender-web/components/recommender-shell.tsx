'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell, type NavItem } from '@matrix/product-ui';

const NAV: NavItem[] = [
  { href: '/', label: 'Recommendations' },
  { href: '/models', label: 'Models' },
];

/** The product-ui shell with Next's client-side links and the current route marked. */
export function RecommenderShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <AppShell
      productName="Recommender"
      tagline="for you · similar · popular"
      nav={NAV}
      currentPath={pathname}
      linkComponent={Link}
      footer={<span>Rankings come from the recommender API; the ranker runs on the shared inference gateway. Every item says why it is there.</span>}
    >
      {children}
    </AppShell>
  );
}

'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from './app-shell';
import type { ProductIdentity } from './product-identity';

/** The AppShell with Next's client-side links and the current route marked (a client component: it reads the route). */
export function ProductShell({ product, children }: { product: ProductIdentity; children: ReactNode }) {
  const pathname = usePathname();
  return (
    <AppShell
      productName={product.name}
      tagline={product.tagline}
      nav={product.nav}
      currentPath={pathname ?? undefined}
      linkComponent={Link}
      footer={<span>{product.footer}</span>}
    >
      {children}
    </AppShell>
  );
}

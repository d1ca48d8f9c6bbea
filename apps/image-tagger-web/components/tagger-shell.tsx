'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell, type NavItem } from '@matrix/product-ui';

const NAV: NavItem[] = [
  { href: '/', label: 'Library' },
  { href: '/upload', label: 'Upload' },
  { href: '/review', label: 'Review' },
  { href: '/jobs', label: 'Jobs' },
];

/** The product-ui shell with Next's client-side links and the current route marked. */
export function TaggerShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <AppShell
      productName="Image Tagger"
      tagline="photo libraries · catalogues"
      nav={NAV}
      currentPath={pathname}
      linkComponent={Link}
      footer={<span>Tags come from the image tagger API through the shared inference gateway: ImageNet classes with WordNet parents, COCO objects, zero-shot vocabularies with CLIP.</span>}
    >
      {children}
    </AppShell>
  );
}

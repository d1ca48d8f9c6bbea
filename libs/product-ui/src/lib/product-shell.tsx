'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { setPublicPages, SIGN_IN_PATH } from './api-fetch';
import { AppShell, type NavItem } from './app-shell';
import { useHydrationMark } from './hydration-mark';
import type { ProductIdentity } from './product-identity';
import { roleAllows } from './roles';
import { SessionControls, SessionProvider, useSession } from './session';

/** The nav items a person sees: those without a role for everyone, the others only to a role that allows them. */
export function visibleNav(nav: NavItem[], role: Parameters<typeof roleAllows>[0]): NavItem[] {
  return nav.filter((item) => !item.role || roleAllows(role, item.role));
}

function Shell({ product, children }: { product: ProductIdentity; children: ReactNode }) {
  const pathname = usePathname() ?? undefined;
  const { session } = useSession();
  return (
    <AppShell
      productName={product.name}
      tagline={product.tagline}
      nav={visibleNav(product.nav, session?.role)}
      currentPath={pathname}
      linkComponent={Link}
      account={pathname === SIGN_IN_PATH ? null : <SessionControls />}
      footer={<span>{product.footer}</span>}
    >
      {children}
    </AppShell>
  );
}

/**
 * The AppShell with Next's client-side links, the current route marked, and the signed-in person
 * (SessionProvider: useSession, RequireRole) with Sign out in the header (a client component). It marks
 * <html data-hydrated> once the page has hydrated (browser tests wait for it: see useHydrationMark).
 */
export function ProductShell({ product, children }: { product: ProductIdentity; children: ReactNode }) {
  // apiFetch sends a signed-out person to sign-in on a 401, except on these pages.
  setPublicPages(product.publicPages ?? []);
  useHydrationMark();
  return (
    <SessionProvider>
      <Shell product={product}>{children}</Shell>
    </SessionProvider>
  );
}

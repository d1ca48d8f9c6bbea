import type { ComponentType, ReactNode } from 'react';
import type { StaffRole } from './roles';

export interface NavItem {
  href: string;
  label: string;
  /** Shown only to a role that allows it (e.g. 'admin' for Access and Audit log); default everyone. */
  role?: StaffRole;
}

/** The props a link component gets (next/link's Link fits). */
export interface ShellLinkProps {
  href: string;
  className?: string;
  'aria-current'?: 'page';
  children: ReactNode;
}

export interface AppShellProps {
  productName: string;
  tagline?: string;
  nav: NavItem[];
  /** The current path, to mark the active item (the app passes usePathname()). */
  currentPath?: string;
  /** Renders links; pass next/link's Link for client-side navigation. Default: a plain <a>. */
  linkComponent?: ComponentType<ShellLinkProps>;
  footer?: ReactNode;
  /** The header's right end: who is signed in and Sign out (ProductShell passes SessionControls). */
  account?: ReactNode;
  children: ReactNode;
}

function PlainLink({ children, ...props }: ShellLinkProps) {
  return <a {...props}>{children}</a>;
}

/** "/" is active only on "/", other items on their own path and below it. */
export function isActivePath(href: string, currentPath: string | undefined): boolean {
  if (!currentPath) return false;
  if (href === '/') return currentPath === '/';
  return currentPath === href || currentPath.startsWith(`${href}/`);
}

/** Page frame shared by every product: brand, main navigation, content area and footer. */
export function AppShell({ productName, tagline, nav, currentPath, linkComponent, footer, account, children }: AppShellProps) {
  const Link = linkComponent ?? PlainLink;
  return (
    <div className="mx-shell">
      <a className="mx-shell__skip" href="#mx-main">
        Skip to content
      </a>
      <header className="mx-shell__header">
        <div className="mx-shell__bar">
          <Link href="/" className="mx-shell__brand">
            <span className="mx-shell__logo" aria-hidden="true" />
            {productName}
            {tagline ? <span className="mx-shell__tagline">{tagline}</span> : null}
          </Link>
          <nav className="mx-shell__nav" aria-label="Main">
            <ul>
              {nav.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="mx-shell__link" aria-current={isActivePath(item.href, currentPath) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {account}
        </div>
      </header>
      <main id="mx-main" className="mx-shell__main">
        {children}
      </main>
      {footer ? (
        <footer className="mx-shell__footer">
          <div>{footer}</div>
        </footer>
      ) : null}
    </div>
  );
}

import { Suspense, type ReactNode } from 'react';
import { PageHeader, type PageHeaderProps } from './page-header';

export interface ProductPageProps extends PageHeaderProps {
  /**
   * Wrap the content in <Suspense>: a client view that reads useSearchParams (filters in the URL)
   * needs a boundary for Next's static shell. `fallback` is shown until it renders.
   */
  suspense?: boolean;
  fallback?: ReactNode;
  children: ReactNode;
}

/** A page of a product web: its header (the one <h1>) above its content. */
export function ProductPage({ suspense, fallback, children, ...header }: ProductPageProps) {
  return (
    <>
      <PageHeader {...header} />
      {suspense ? <Suspense fallback={fallback}>{children}</Suspense> : children}
    </>
  );
}

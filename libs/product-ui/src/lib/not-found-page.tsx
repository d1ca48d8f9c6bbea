import Link from 'next/link';
import { PageHeader } from './page-header';

/** A product web's 404 (app/not-found.tsx renders it), with a way back to the product's home page. */
export function NotFoundPage({ homeLabel }: { homeLabel: string }) {
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <Link className="mx-button" href="/">
        {homeLabel}
      </Link>
    </>
  );
}

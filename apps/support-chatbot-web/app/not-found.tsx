import Link from 'next/link';
import { PageHeader } from '@matrix/product-ui';

export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <Link className="mx-button" href="/">
        Open the chat
      </Link>
    </>
  );
}

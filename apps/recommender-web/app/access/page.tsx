import type { Metadata } from 'next';
import { AccessPage } from '@matrix/product-ui';

export const metadata: Metadata = { title: 'Access' };

export default function Access() {
  return <AccessPage roles={['admin', 'analyst', 'viewer']} />;
}

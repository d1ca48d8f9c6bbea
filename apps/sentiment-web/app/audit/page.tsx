import type { Metadata } from 'next';
import { AuditLogPage } from '@matrix/product-ui';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditLog() {
  return <AuditLogPage />;
}

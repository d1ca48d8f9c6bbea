'use client';
import { useState } from 'react';
import type { Page } from '@matrix/product-contract';
import { withQuery } from './api-fetch';
import { formatTime } from './access-page';
import { DataTable } from './data-table';
import { ErrorBanner } from './error-banner';
import { Pagination } from './pagination';
import { ProductPage } from './product-page';
import { RequireRole } from './session';
import { useApiQuery } from './use-api-query';

/** One staff action as GET /api/audit lists it. */
export interface AuditEntryRow {
  id: string;
  at: string;
  actorEmail: string | null;
  action: string;
  target: string | null;
  detail?: unknown;
}

export const AUDIT_PAGE_SIZE = 25;

function AuditTable() {
  const [page, setPage] = useState(1);
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState('');
  const query = useApiQuery<Page<AuditEntryRow>>(withQuery('/api/audit', { page, pageSize: AUDIT_PAGE_SIZE, action: filter }));
  const data = query.data;
  return (
    <div className="mx-stack">
      <form
        className="mx-row"
        style={{ alignItems: 'flex-end' }}
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setFilter(action.trim());
        }}
      >
        <div className="mx-field">
          <label htmlFor="audit-action">Action</label>
          <input id="audit-action" className="mx-input" value={action} onChange={(event) => setAction(event.target.value)} placeholder="e.g. data.erased" />
        </div>
        <button type="submit" className="mx-button mx-button--secondary">
          Filter
        </button>
      </form>
      <ErrorBanner error={query.error} title="Could not load the audit log" />
      <DataTable<AuditEntryRow>
        caption="Staff actions, newest first"
        loading={query.loading}
        rows={data?.items ?? []}
        rowKey={(entry) => entry.id}
        emptyMessage="No staff actions recorded yet."
        columns={[
          { key: 'at', header: 'Time', width: '190px', render: (entry) => formatTime(entry.at) },
          { key: 'actorEmail', header: 'Actor', render: (entry) => entry.actorEmail ?? 'system' },
          { key: 'action', header: 'Action', render: (entry) => <code>{entry.action}</code> },
          { key: 'target', header: 'Target', render: (entry) => entry.target ?? '' },
        ]}
      />
      <Pagination
        page={page}
        pageSize={data?.pageSize ?? AUDIT_PAGE_SIZE}
        total={data?.total ?? 0}
        onPageChange={setPage}
        label="Audit log pages"
        disabled={query.loading}
      />
    </div>
  );
}

/** The shared "Audit log" admin page: who did what, when, to what (GET /api/audit, admin only). */
export function AuditLogPage() {
  return (
    <ProductPage title="Audit log" description="Every staff action in this product: who, when, what, on what.">
      <RequireRole role="admin" fallback={<p className="mx-muted">Only an admin of this product can read the audit log.</p>}>
        <AuditTable />
      </RequireRole>
    </ProductPage>
  );
}

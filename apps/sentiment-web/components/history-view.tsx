'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import {
  apiFetch,
  Badge,
  DataTable,
  ErrorBanner,
  FilterBar,
  Pagination,
  RequireRole,
  useApiQuery,
  useCan,
  withQuery,
  type Column,
  type FilterField,
} from '@matrix/product-ui';
import { SENTIMENT_LABELS, type Analysis, type Page } from '../lib/api-types';
import { EMPTY_FILTERS, filtersFromParams, historyQuery, type HistoryFilters } from '../lib/history-query';
import { formatScore, LABEL_STYLE } from '../lib/labels';
import { LabelBadge } from './label-badge';

const FIELDS: FilterField[] = [
  { name: 'q', label: 'Search text', kind: 'search', placeholder: 'words in the text', wide: true },
  {
    name: 'label',
    label: 'Label',
    kind: 'select',
    anyLabel: 'All labels',
    options: SENTIMENT_LABELS.map((label) => ({ value: label, label: LABEL_STYLE[label].title })),
  },
  { name: 'source', label: 'Source', kind: 'text', placeholder: 'web, batch, csv…' },
  { name: 'from', label: 'From', kind: 'date' },
  { name: 'to', label: 'To', kind: 'date' },
];

const PAGE_SIZES = [10, 20, 50];

function preview(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** Stored analyses with filters, paging, export and delete (GET/DELETE /api/analyses). */
export function HistoryView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [draft, setDraft] = useState<HistoryFilters>(() => filtersFromParams(params));
  const [applied, setApplied] = useState<HistoryFilters>(() => filtersFromParams(params));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [actionError, setActionError] = useState<unknown>(null);
  const { data, error: loadError, loading, reload } = useApiQuery<Page<Analysis>>(withQuery('/api/analyses', { ...historyQuery(applied), page, pageSize }));
  const error = actionError ?? loadError;

  const apply = (filters: HistoryFilters) => {
    setApplied(filters);
    setPage(1);
    router.replace(withQuery(pathname, { ...filters }), { scroll: false });
  };

  const remove = async (analysis: Analysis) => {
    if (!window.confirm(`Delete this analysis?\n\n${preview(analysis.text)}`)) return;
    try {
      await apiFetch(`/api/analyses/${encodeURIComponent(analysis.id)}`, { method: 'DELETE' });
      setActionError(null);
      reload();
    } catch (caught) {
      setActionError(caught);
    }
  };

  // Deleting is an admin's (the API refuses others: 403): other roles get no Delete column.
  const canDelete = useCan()('admin');
  const columns: Column<Analysis>[] = [
    {
      key: 'createdAt',
      header: 'When',
      width: '150px',
      render: (row) => new Date(row.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    },
    { key: 'text', header: 'Text', render: (row) => <span title={row.text}>{preview(row.text)}</span> },
    { key: 'label', header: 'Label', width: '110px', render: (row) => <LabelBadge label={row.label} /> },
    { key: 'score', header: 'Score', numeric: true, width: '80px', render: (row) => formatScore(row.score) },
    { key: 'magnitude', header: 'Magnitude', numeric: true, width: '100px', render: (row) => row.magnitude.toFixed(2) },
    { key: 'source', header: 'Source', width: '90px', render: (row) => row.source ?? '' },
  ];
  if (canDelete)
    columns.push({
      key: 'actions',
      header: 'Actions',
      width: '80px',
      render: (row) => (
        <button
          type="button"
          className="mx-button mx-button--secondary mx-button--small"
          aria-label={`Delete analysis ${row.id}`}
          onClick={() => void remove(row)}
        >
          Delete
        </button>
      ),
    });

  const exportQuery = historyQuery(applied);
  return (
    <>
      <FilterBar
        label="Filter analyses"
        fields={FIELDS}
        values={{ ...draft }}
        onChange={(values) => setDraft({ ...EMPTY_FILTERS, ...values, jobId: applied.jobId })}
        onSubmit={(values) => apply({ ...EMPTY_FILTERS, ...values, jobId: applied.jobId })}
        onReset={() => {
          setDraft(EMPTY_FILTERS);
          apply(EMPTY_FILTERS);
        }}
      />
      <div className="mx-row sentiment-toolbar" style={{ justifyContent: 'space-between' }}>
        <div className="mx-row">
          {applied.jobId ? (
            <span className="mx-row">
              <Badge tone="accent">CSV job {applied.jobId}</Badge>
              <button type="button" className="mx-button mx-button--secondary mx-button--small" onClick={() => apply({ ...applied, jobId: '' })}>
                Show all jobs
              </button>
            </span>
          ) : null}
          <RequireRole role="analyst">
            <a className="mx-button mx-button--secondary" href={withQuery('/api/analyses/export', { format: 'csv', ...exportQuery })} download>
              Export CSV
            </a>
            <a className="mx-button mx-button--secondary" href={withQuery('/api/analyses/export', { format: 'json', ...exportQuery })} download>
              Export JSON
            </a>
          </RequireRole>
        </div>
        <div className="mx-row">
          <label htmlFor="history-page-size" className="mx-label">
            Rows per page
          </label>
          <select
            id="history-page-size"
            className="mx-select"
            value={pageSize}
            onChange={(event) => {
              setPageSize(Number(event.target.value));
              setPage(1);
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorBanner error={error} title="The history could not be loaded" onDismiss={() => setActionError(null)} />
      <DataTable
        caption="Stored analyses"
        columns={columns}
        rows={data?.items ?? []}
        rowKey={(row) => row.id}
        loading={loading}
        emptyMessage="No analyses match these filters."
      />
      <Pagination page={page} pageSize={pageSize} total={data?.total ?? 0} onPageChange={setPage} label="History pages" disabled={loading} />
    </>
  );
}

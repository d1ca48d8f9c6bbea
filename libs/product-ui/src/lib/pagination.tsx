export interface PageRange {
  totalPages: number;
  /** 1-based index of the first row on the page (0 when there are no rows). */
  first: number;
  last: number;
}

/** Which rows a page shows: page 2 of 20-row pages over 45 rows shows rows 21–40 of 3 pages. */
export function pageRange(page: number, pageSize: number, total: number): PageRange {
  const totalPages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  if (total <= 0) return { totalPages, first: 0, last: 0 };
  const first = Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  return { totalPages, first, last };
}

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  /** Names the navigation landmark, e.g. "History pages". */
  label?: string;
  disabled?: boolean;
}

/** Previous/next paging with "Showing 21–40 of 45" and "Page 2 of 3". */
export function Pagination({ page, pageSize, total, onPageChange, label = 'Pagination', disabled }: PaginationProps) {
  const { totalPages, first, last } = pageRange(page, pageSize, total);
  return (
    <nav className="mx-pagination" aria-label={label}>
      <span aria-live="polite">{total === 0 ? 'No results' : `Showing ${first}–${last} of ${total}`}</span>
      <div className="mx-pagination__controls">
        <button
          type="button"
          className="mx-button mx-button--secondary mx-button--small"
          aria-label="Previous page"
          disabled={disabled || page <= 1}
          onClick={() => onPageChange(page - 1)}
        >
          ‹ Previous
        </button>
        <span>
          Page {Math.min(page, totalPages)} of {totalPages}
        </span>
        <button
          type="button"
          className="mx-button mx-button--secondary mx-button--small"
          aria-label="Next page"
          disabled={disabled || page >= totalPages}
          onClick={() => onPageChange(page + 1)}
        >
          Next ›
        </button>
      </div>
    </nav>
  );
}

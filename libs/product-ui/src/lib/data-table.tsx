import type { ReactNode } from 'react';
import { classNames } from './class-names';

export interface Column<Row> {
  /** Stable key (also the default accessor into the row). */
  key: string;
  header: string;
  /** Cell content; default String(row[key]). */
  render?: (row: Row) => ReactNode;
  /** Right-aligned tabular numbers. */
  numeric?: boolean;
  /** CSS width, e.g. '40%' or '120px'. */
  width?: string;
}

export interface DataTableProps<Row> {
  /** The table's accessible name (shown as its caption). */
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Shown in place of rows when there are none. */
  emptyMessage?: ReactNode;
  loading?: boolean;
  /** Hide the caption visually (it still names the table). */
  hideCaption?: boolean;
}

function defaultCell<Row>(row: Row, key: string): ReactNode {
  const value = (row as Record<string, unknown>)[key];
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A plain, accessible data table; pair it with Pagination and FilterBar for server-side paging. */
export function DataTable<Row>({ caption, columns, rows, rowKey, emptyMessage = 'Nothing to show.', loading, hideCaption }: DataTableProps<Row>) {
  return (
    <div className="mx-table-wrap">
      <table className="mx-table" aria-busy={loading ? true : undefined}>
        <caption className={hideCaption ? 'mx-visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={classNames(column.numeric && 'mx-table__numeric')}
                style={column.width ? { width: column.width } : undefined}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td className="mx-table__empty" colSpan={columns.length}>
                {loading ? 'Loading…' : emptyMessage}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.key} className={classNames(column.numeric && 'mx-table__numeric')}>
                    {column.render ? column.render(row) : defaultCell(row, column.key)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

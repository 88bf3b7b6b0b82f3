import type { ReactNode } from 'react';

/**
 * The frame of a server-paged list: a labelled table whose header row is given, marked busy
 * while a new page loads (the old rows stay in view meanwhile), and a one-cell message in
 * place of the rows when the page is empty.
 */
export function ListTable({
  label,
  testId,
  className,
  busy,
  header,
  columns,
  rowCount,
  empty,
  children,
}: {
  /** The table's accessible name. */
  label: string;
  testId: string;
  /** Added to `data-table`, for a list's own column styles. */
  className?: string;
  busy: boolean;
  /** The header row's cells. */
  header: ReactNode;
  /** How many columns the rows have, so the empty message spans them all. */
  columns: number;
  /** How many rows the page has; with none, `empty` stands in their place. */
  rowCount: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table
        className={className ? `data-table ${className}` : 'data-table'}
        aria-label={label}
        aria-busy={busy}
        data-testid={testId}
      >
        <thead>
          <tr>{header}</tr>
        </thead>
        <tbody>
          {rowCount === 0 ? (
            <tr>
              <td colSpan={columns} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            children
          )}
        </tbody>
      </table>
    </div>
  );
}

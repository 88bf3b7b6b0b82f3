import { Pager } from '../Pager';
import type { ListPaging } from '../../hooks/useListView';

/** The page sizes a list offers; a size set by hand in the URL is listed too. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** Below a list: how many rows a page shows, and which page this is. */
export function ListFooter({
  paging,
  total,
  label,
}: {
  paging: ListPaging;
  total: number;
  /** The pager's accessible name, e.g. "Inventory pages". */
  label: string;
}) {
  const { offset, limit } = paging;
  const sizes: readonly number[] = PAGE_SIZES.some((size) => size === limit)
    ? PAGE_SIZES
    : [...PAGE_SIZES, limit];
  return (
    <div className="table-footer">
      <label className="page-size">
        Rows per page
        <select value={limit} onChange={(event) => paging.setLimit(Number(event.target.value))}>
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <Pager
        offset={offset}
        limit={limit}
        total={total}
        label={label}
        onChange={paging.setOffset}
      />
    </div>
  );
}

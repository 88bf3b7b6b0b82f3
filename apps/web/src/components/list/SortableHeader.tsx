/** The `aria-sort` value of a column under the list's current order. */
export type SortDirection = 'ascending' | 'descending' | 'none';

const MARKS = {
  ascending: '▲',
  descending: '▼',
  none: '',
} as const satisfies Record<SortDirection, string>;

/**
 * A column header whose button changes the server-side order. The direction is announced by
 * `aria-sort`; the mark beside the label is for the eye only.
 */
export function SortableHeader({
  label,
  direction,
  onSort,
}: {
  label: string;
  direction: SortDirection;
  onSort: () => void;
}) {
  return (
    <th scope="col" aria-sort={direction}>
      <button type="button" className="sort" onClick={onSort}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {MARKS[direction]}
        </span>
      </button>
    </th>
  );
}

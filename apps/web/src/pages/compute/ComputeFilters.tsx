import type { ComputeListQuery } from '../../api/compute';
import { COMPUTE_FACET_FIELDS } from '../../api/schemas/compute';
import type { ComputeFacetField, ComputeFacets } from '../../api/schemas/compute';

const LABELS = {
  type: 'Type',
  provider: 'Provider',
  state: 'State',
  region: 'Region',
} as const satisfies Record<ComputeFacetField, string>;

const VISIBLE_ROWS = 4;

/**
 * One multi-select per facet, each value with its count under the other filters (the server
 * counts them). A selected value stays listed even when its count is missing, so a selection
 * never disappears from view.
 */
export function ComputeFilters({
  view,
  facets,
  onChange,
}: {
  view: ComputeListQuery;
  facets: ComputeFacets | undefined;
  onChange: (field: ComputeFacetField, values: string[]) => void;
}) {
  return (
    <div className="facets">
      {COMPUTE_FACET_FIELDS.map((field) => {
        const selected = view[field];
        const options = facets?.[field] ?? [];
        const missing = selected.filter((value) => !options.some((o) => o.value === value));
        const rows = Math.max(2, Math.min(VISIBLE_ROWS, options.length + missing.length));
        return (
          <div key={field} className="facet">
            <label htmlFor={`compute-facet-${field}`}>
              {LABELS[field]}
              {selected.length > 0 ? ` (${selected.length})` : ''}
            </label>
            <select
              id={`compute-facet-${field}`}
              name={field}
              multiple
              size={rows}
              value={selected}
              onChange={(event) =>
                onChange(
                  field,
                  Array.from(event.target.selectedOptions, (option) => option.value),
                )
              }
            >
              {missing.map((value) => (
                <option key={`missing:${value}`} value={value}>
                  {value}
                </option>
              ))}
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {`${option.value} (${option.count})`}
                </option>
              ))}
            </select>
            {selected.length > 0 ? (
              <button
                type="button"
                className="link-button"
                aria-label={`Clear ${LABELS[field]} filter`}
                onClick={() => onChange(field, [])}
              >
                Clear
              </button>
            ) : (
              <span className="facet-hint">All</span>
            )}
          </div>
        );
      })}
    </div>
  );
}

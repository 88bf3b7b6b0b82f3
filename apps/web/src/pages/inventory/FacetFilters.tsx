import type { ResourceFilters } from '../../api/resources';
import { FACET_FIELDS } from '../../api/schemas/resources';
import { accountLabel } from '../../components/account-label';
import type { FacetField, Facets } from '../../api/schemas/resources';

const LABELS = {
  provider: 'Provider',
  account: 'Account',
  region: 'Region',
  type: 'Type',
  state: 'State',
} as const satisfies Record<FacetField, string>;

/** Rows a facet list shows before it scrolls. */
const VISIBLE_ROWS = 4;

/**
 * One multi-select list per facet (Ctrl/Cmd-click or Shift-click adds values; the API and the
 * URL already take several), each option with its count under the current filters. Nothing
 * selected means every value. A selected value stays listed even when its count is missing
 * (the facets are still loading, or the other filters leave none), so a selection never
 * disappears from view; "Clear" appears once something is selected.
 */
export function FacetFilters({
  filters,
  facets,
  onChange,
}: {
  filters: ResourceFilters;
  facets: Facets | undefined;
  onChange: (field: FacetField, values: string[]) => void;
}) {
  return (
    <div className="facets">
      {FACET_FIELDS.map((field) => {
        const selected = filters[field];
        const options = facets?.[field] ?? [];
        const missing = selected.filter((value) => !options.some((o) => o.value === value));
        const rows = Math.max(2, Math.min(VISIBLE_ROWS, options.length + missing.length));
        return (
          <div key={field} className="facet">
            <label htmlFor={`facet-${field}`}>
              {LABELS[field]}
              {selected.length > 0 ? ` (${selected.length})` : ''}
            </label>
            <select
              id={`facet-${field}`}
              aria-label={LABELS[field]}
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
                <option
                  key={option.value}
                  value={option.value}
                  {...(option.label ? { title: `${LABELS[field]} ${option.value}` } : {})}
                >
                  {`${accountLabel(option.value, option.label)} (${option.count})`}
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

import type { ResourceFilters } from '../../api/resources';
import { FACET_FIELDS } from '../../api/schemas/resources';
import type { FacetField, Facets } from '../../api/schemas/resources';

const LABELS = {
  provider: 'Provider',
  account: 'Account',
  region: 'Region',
  type: 'Type',
  state: 'State',
} as const satisfies Record<FacetField, string>;

/**
 * One select per facet, each option with its count under the current filters. A selected
 * value stays listed even when its count is missing (the facets are still loading, or the
 * other filters leave none), so the select never silently shows a different value.
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
        const selected = filters[field][0] ?? '';
        const options = facets?.[field] ?? [];
        const missing = selected && !options.some((option) => option.value === selected);
        return (
          <label key={field} className="facet">
            <span>{LABELS[field]}</span>
            <select
              aria-label={LABELS[field]}
              name={field}
              value={selected}
              onChange={(event) => onChange(field, event.target.value ? [event.target.value] : [])}
            >
              <option value="">All</option>
              {missing ? <option value={selected}>{selected}</option> : null}
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.value} ({option.count})
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}

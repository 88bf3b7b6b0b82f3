import { accountLabel } from '../account-label';

/** One value of a facet with how many rows have it; `label` is an alias shown beside it. */
export interface FacetOption {
  value: string;
  count: number;
  label?: string | undefined;
}

/** Rows a facet list shows before it scrolls. */
const VISIBLE_ROWS = 4;

/**
 * One multi-select list per facet (Ctrl/Cmd-click or Shift-click adds values), each option with
 * its count under the current filters. Nothing selected means every value. A selected value
 * stays listed even when its count is missing (the counts are still loading, or the other
 * filters leave none), so a selection never disappears from view; "Clear" appears once
 * something is selected.
 */
export function FacetFilters<F extends string>({
  fields,
  labels,
  idPrefix,
  selected,
  facets,
  onChange,
}: {
  fields: readonly F[];
  labels: Readonly<Record<F, string>>;
  /** Makes the lists' element ids unique on the page: `${idPrefix}-${field}`. */
  idPrefix: string;
  selected: Readonly<Record<F, readonly string[]>>;
  facets: Readonly<Partial<Record<F, readonly FacetOption[]>>> | undefined;
  onChange: (field: F, values: string[]) => void;
}) {
  return (
    <div className="facets">
      {fields.map((field) => (
        <FacetFilter
          key={field}
          id={`${idPrefix}-${field}`}
          name={field}
          label={labels[field]}
          selected={selected[field]}
          options={facets?.[field] ?? []}
          onChange={(values) => onChange(field, values)}
        />
      ))}
    </div>
  );
}

/** One facet's list: see `FacetFilters`. */
export function FacetFilter({
  id,
  name,
  label,
  selected,
  options,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  selected: readonly string[];
  options: readonly FacetOption[];
  onChange: (values: string[]) => void;
}) {
  const missing = selected.filter((value) => !options.some((o) => o.value === value));
  const rows = Math.max(2, Math.min(VISIBLE_ROWS, options.length + missing.length));
  return (
    <div className="facet">
      <label htmlFor={id}>
        {label}
        {selected.length > 0 ? ` (${selected.length})` : ''}
      </label>
      <select
        id={id}
        aria-label={label}
        name={name}
        multiple
        size={rows}
        value={[...selected]}
        onChange={(event) =>
          onChange(Array.from(event.target.selectedOptions, (option) => option.value))
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
            {...(option.label ? { title: `${label} ${option.value}` } : {})}
          >
            {`${accountLabel(option.value, option.label)} (${option.count})`}
          </option>
        ))}
      </select>
      {selected.length > 0 ? (
        <button
          type="button"
          className="link-button"
          aria-label={`Clear ${label} filter`}
          onClick={() => onChange([])}
        >
          Clear
        </button>
      ) : (
        <span className="facet-hint">All</span>
      )}
    </div>
  );
}

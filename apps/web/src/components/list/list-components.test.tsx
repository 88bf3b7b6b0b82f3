import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { computeView } from '../../compute/url-state';
import { useListView } from '../../hooks/useListView';
import type { ListViewCodec } from '../../hooks/useListView';
import { inventoryView } from '../../inventory/url-state';
import { textOf } from '../../testing/render-page';
import { FacetFilters } from './FacetFilters';
import type { FacetOption } from './FacetFilters';
import { ListFooter } from './ListFooter';
import { ListTable } from './ListTable';
import { SearchBox } from './SearchBox';
import { SortableHeader } from './SortableHeader';
import type { SortDirection } from './SortableHeader';

const hostile = '<img src=x onerror="alert(1)">';
const ignore = () => undefined;

function header(direction: SortDirection): string {
  return renderToString(
    <table>
      <thead>
        <tr>
          <SortableHeader label="Name" direction={direction} onSort={ignore} />
        </tr>
      </thead>
    </table>,
  );
}

describe('SortableHeader', () => {
  it('announces the order with aria-sort and marks it for the eye only', () => {
    expect(header('ascending')).toMatch(
      /<th scope="col" aria-sort="ascending"><button type="button" class="sort">Name<span aria-hidden="true" class="sort-mark">▲<\/span><\/button><\/th>/,
    );
    expect(header('descending')).toMatch(/aria-sort="descending".*class="sort-mark">▼</);
    expect(header('none')).toMatch(/aria-sort="none".*class="sort-mark"><\/span>/);
  });
});

type Field = 'state' | 'account';
const LABELS = { state: 'State', account: 'Account' } as const satisfies Record<Field, string>;

function facets(
  selected: Record<Field, string[]>,
  counts: Partial<Record<Field, FacetOption[]>> | undefined,
): string {
  return renderToString(
    <FacetFilters
      fields={['state', 'account'] as const}
      labels={LABELS}
      idPrefix="test-facet"
      selected={selected}
      facets={counts}
      onChange={ignore}
    />,
  );
}

function selectOf(html: string, field: Field): string {
  return new RegExp(`<select[^>]*id="test-facet-${field}".*?</select>`, 's').exec(html)?.[0] ?? '';
}

describe('FacetFilters', () => {
  it('lists each value with its count and names the list by its label', () => {
    const html = facets(
      { state: [], account: [] },
      {
        state: [
          { value: 'running', count: 3 },
          { value: 'stopped', count: 1 },
        ],
        account: [],
      },
    );
    const state = selectOf(html, 'state');
    expect(state).toMatch(/aria-label="State"/);
    expect(state).toMatch(/name="state"/);
    expect(state).toMatch(/size="2"/);
    expect(textOf(state)).toBe('running (3) stopped (1)');
    expect(html).toContain('<label for="test-facet-state">State</label>');
    // Nothing selected: every value counts, and there is nothing to clear.
    expect(textOf(html)).toContain('All');
    expect(html).not.toContain('Clear');
  });

  it('keeps a selected value listed while its count is missing, and offers to clear', () => {
    const html = facets({ state: ['stopped', 'running'], account: [] }, undefined);
    const state = selectOf(html, 'state');
    expect(state.match(/<option[^>]*selected/g)).toHaveLength(2);
    expect(textOf(state)).toBe('stopped running');
    expect(textOf(html)).toContain('State (2)');
    expect(html).toContain('aria-label="Clear State filter"');
    expect(html).not.toContain('aria-label="Clear Account filter"');
  });

  it('shows an alias beside its account and scrolls past four rows', () => {
    const accounts = ['111122223333', '222233334444', '333344445555', '444455556666', '5'];
    const html = facets(
      { state: [], account: [] },
      {
        account: accounts.map((value, i) =>
          i === 0 ? { value, count: 2, label: 'prod' } : { value, count: 1 },
        ),
      },
    );
    const account = selectOf(html, 'account');
    expect(account).toMatch(/size="4"/);
    expect(account).toContain('title="Account 111122223333"');
    expect(textOf(account)).toContain('prod (111122223333) (2)');
    expect(textOf(account)).toContain('222233334444 (1)');
  });

  it('escapes hostile values', () => {
    const html = facets(
      { state: [hostile], account: [] },
      { state: [{ value: `${hostile}2`, count: 1 }] },
    );
    expect(html).not.toContain('<img');
    expect(textOf(html)).toContain(hostile);
  });
});

function footer(offset: number, limit: number, total: number): string {
  return renderToString(
    <ListFooter
      paging={{ offset, limit, setOffset: ignore, setLimit: ignore }}
      total={total}
      label="Test pages"
    />,
  );
}

describe('ListTable', () => {
  const table = (names: string[], busy: boolean) =>
    renderToString(
      <ListTable
        label="Things"
        testId="thing-table"
        className="thing-table"
        busy={busy}
        header={<th scope="col">Name</th>}
        columns={3}
        rowCount={names.length}
        empty="No things yet."
      >
        {names.map((name) => (
          <tr key={name} data-testid="thing-row">
            <td>{name}</td>
          </tr>
        ))}
      </ListTable>,
    );

  it('is a labelled table, busy while a new page loads, with the rows it is given', () => {
    const html = table(['a', hostile], true);
    expect(html).toMatch(
      /<div class="table-wrap"><table class="data-table thing-table" aria-label="Things" aria-busy="true" data-testid="thing-table"><thead><tr><th scope="col">Name<\/th><\/tr><\/thead>/,
    );
    expect(html.match(/data-testid="thing-row"/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('No things yet.');
  });

  it('says why it is empty in one cell across every column', () => {
    const html = table([], false);
    expect(html).toContain('aria-busy="false"');
    expect(html).toMatch(
      /<tbody><tr><td colSpan="3" class="empty">No things yet.<\/td><\/tr><\/tbody>/,
    );
  });
});

describe('ListFooter', () => {
  it('shows the range and disables what leads off the list', () => {
    const first = footer(0, 25, 60);
    expect(first).toContain('aria-label="Test pages"');
    expect(first).toMatch(/data-testid="pager-range"[^>]*>1–25 of 60</);
    expect(first).toMatch(/<button type="button" disabled="">Previous</);
    expect(first).toMatch(/<button type="button">Next</);
    const last = footer(50, 25, 60);
    expect(last).toMatch(/>51–60 of 60</);
    expect(last).toMatch(/<button type="button">Previous</);
    expect(last).toMatch(/<button type="button" disabled="">Next</);
    expect(footer(0, 50, 0)).toMatch(/>0–0 of 0</);
  });

  it('offers the usual page sizes, and a size set by hand in the URL as well', () => {
    const sizes = (html: string) =>
      [...html.matchAll(/<option[^>]*value="(\d+)"/g)].map((m) => m[1]);
    expect(sizes(footer(0, 50, 10))).toEqual(['25', '50', '100', '200']);
    const odd = footer(0, 75, 10);
    expect(sizes(odd)).toEqual(['25', '50', '100', '200', '75']);
    expect(odd).toMatch(/<option value="75" selected="">75</);
    expect(textOf(odd)).toContain('Rows per page');
  });
});

describe('SearchBox', () => {
  it('is a labelled search field holding the text of the URL', () => {
    const html = renderToString(<SearchBox value={hostile} onCommit={ignore} />);
    expect(html).toMatch(/<input type="search" aria-label="Search"/);
    expect(html).toContain('value="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"');
    expect(html).not.toContain('<img');
  });
});

/** Renders what `useListView` makes of a URL: the parsed view and the footer it drives. */
function listViewAt<V>(codec: ListViewCodec<V>, search: string, total: number): string {
  function Probe() {
    const { view, paging } = useListView(codec);
    return (
      <>
        <pre data-testid="view">{JSON.stringify(view)}</pre>
        <ListFooter paging={paging} total={total} label="Pages" />
      </>
    );
  }
  return renderToString(
    <MemoryRouter initialEntries={[`/list${search}`]}>
      <Probe />
    </MemoryRouter>,
  );
}

describe('useListView', () => {
  it('reads the compute view from the URL, its 1-based page as an offset', () => {
    const html = listViewAt(computeView, '?page=3&pageSize=25&state=running', 90);
    expect(textOf(html)).toContain('51–75 of 90');
    expect(html).toMatch(/<option value="25" selected="">/);
    const view = /data-testid="view">(.*?)<\/pre>/.exec(html)?.[1] ?? '';
    expect(textOf(view)).toContain('"state":["running"]');
  });

  it('reads the inventory view from the URL, falling back to defaults on a bad value', () => {
    expect(textOf(listViewAt(inventoryView, '?offset=100&limit=50', 120))).toContain(
      '101–120 of 120',
    );
    expect(textOf(listViewAt(inventoryView, '?offset=-4&limit=lots', 120))).toContain(
      '1–50 of 120',
    );
  });
});

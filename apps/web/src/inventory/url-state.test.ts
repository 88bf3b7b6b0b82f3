import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMIT,
  inventoryParams,
  inventoryView,
  nextSort,
  parseInventoryParams,
  parseTagFilter,
  sortDirection,
  withFilters,
} from './url-state';

describe('inventory URL state', () => {
  it('parses repeated and comma-separated facets, keeps tag values with commas whole', () => {
    const view = parseInventoryParams(
      new URLSearchParams(
        'provider=aws&region=us-east-1,eu-west-1&region=us-east-1&tag=owner:a,b&tag=env&q=web&sort=-createdAt&offset=100&limit=25',
      ),
    );
    expect(view).toEqual({
      provider: ['aws'],
      account: [],
      region: ['us-east-1', 'eu-west-1'],
      type: [],
      state: [],
      tag: ['owner:a,b', 'env'],
      q: 'web',
      sort: '-createdAt',
      offset: 100,
      limit: 25,
    });
  });

  it('falls back to defaults field by field for a hand-edited link', () => {
    const view = parseInventoryParams(
      new URLSearchParams('sort=password&offset=-3&limit=9999&state=running'),
    );
    expect(view.sort).toBeNull();
    expect(view.offset).toBe(0);
    expect(view.limit).toBe(DEFAULT_LIMIT);
    expect(view.state).toEqual(['running']);
  });

  it('round-trips through the URL and leaves defaults out', () => {
    const empty = parseInventoryParams(new URLSearchParams());
    expect(inventoryParams(empty).toString()).toBe('');
    const view = { ...empty, type: ['ec2.instance'], tag: ['env:prod'], sort: 'name', offset: 50 };
    expect(parseInventoryParams(inventoryParams(view))).toEqual(view);
  });

  it('sorts ascending, then descending on a second click, and reports aria-sort', () => {
    expect(nextSort(null, 'name')).toBe('name');
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('-name', 'region')).toBe('region');
    expect(sortDirection('-name', 'name')).toBe('descending');
    expect(sortDirection('name', 'region')).toBe('none');
  });

  it('returns to the first page when a filter changes', () => {
    const view = { ...parseInventoryParams(new URLSearchParams('offset=200')) };
    expect(withFilters(view, { state: ['stopped'] }).offset).toBe(0);
  });
});

describe('parseTagFilter', () => {
  it('reads key and key:value, splitting at the first colon only', () => {
    expect(parseTagFilter(' env ')).toEqual({ key: 'env' });
    expect(parseTagFilter('env:prod')).toEqual({ key: 'env', value: 'prod' });
    expect(parseTagFilter('arn:aws:iam::1:role/x')).toEqual({
      key: 'arn',
      value: 'aws:iam::1:role/x',
    });
    expect(parseTagFilter('env:')).toEqual({ key: 'env', value: '' });
  });

  it('rejects empty input and an empty key', () => {
    expect(parseTagFilter('  ')).toBeNull();
    expect(parseTagFilter(':prod')).toBeNull();
  });
});

describe('inventory list view', () => {
  it('pages by offset and limit, keeping the filters', () => {
    const view = parseInventoryParams(new URLSearchParams('offset=100&limit=25&tag=env:prod'));
    expect(inventoryView.paging(view)).toEqual({ offset: 100, limit: 25 });
    expect(inventoryView.withPaging(view, { offset: 125, limit: 25 })).toMatchObject({
      offset: 125,
      limit: 25,
      tag: ['env:prod'],
    });
    expect(inventoryView.withFilters(view, { tag: [] })).toMatchObject({ tag: [], offset: 0 });
  });
});

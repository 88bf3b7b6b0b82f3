import { describe, expect, it } from 'vitest';
import {
  computeHref,
  computeParams,
  computeSortDirection,
  computeUidFromPath,
  computeView,
  nextComputeSort,
  parseComputeParams,
  withComputeFilters,
} from './url-state';

describe('compute list URL state', () => {
  it('round-trips a view, leaving defaults out of the link', () => {
    const view = parseComputeParams(
      new URLSearchParams(
        'type=ec2.instance,ecs.service&state=running&state=stopped&q=web&sort=saving&order=desc&page=3&pageSize=100',
      ),
    );
    expect(view).toEqual({
      type: ['ec2.instance', 'ecs.service'],
      provider: [],
      state: ['running', 'stopped'],
      region: [],
      q: 'web',
      sort: 'saving',
      order: 'desc',
      page: 3,
      pageSize: 100,
    });
    expect(computeParams(view).toString()).toBe(
      'q=web&type=ec2.instance%2Cecs.service&state=running%2Cstopped&sort=saving&order=desc&page=3&pageSize=100',
    );
    expect(computeParams(parseComputeParams(new URLSearchParams(''))).toString()).toBe('');
  });

  it('falls back field by field on a hand-edited link', () => {
    const view = parseComputeParams(
      new URLSearchParams('sort=drop%20table&order=sideways&page=-2&pageSize=5000&region=,,'),
    );
    expect(view).toMatchObject({ sort: null, order: 'asc', page: 1, pageSize: 50, region: [] });
  });

  it('returns to the first page on a filter change and toggles the order on the same header', () => {
    const view = parseComputeParams(new URLSearchParams('page=4&sort=name'));
    expect(withComputeFilters(view, { state: ['running'] }).page).toBe(1);
    const descending = nextComputeSort(view, 'name');
    expect(descending).toMatchObject({ sort: 'name', order: 'desc', page: 1 });
    expect(nextComputeSort(descending, 'name').order).toBe('asc');
    expect(nextComputeSort(descending, 'region')).toMatchObject({ sort: 'region', order: 'asc' });
  });

  it('carries a uid with slashes and escapes as one path segment, and back', () => {
    const uid = 'azure/sub-1/westeurope/azure.vm/%2Fsubscriptions%2Fsub-1%2Fvm%3Cx%3E';
    const href = computeHref(uid);
    expect(href.split('/')).toHaveLength(3);
    expect(computeUidFromPath(href)).toBe(uid);
    expect(computeUidFromPath('/compute/%E0%A4%A')).toBeNull();
    expect(computeUidFromPath('/compute')).toBeNull();
  });

  it('sees its 1-based pages as offsets, landing an offset on the page that holds it', () => {
    const view = parseComputeParams(new URLSearchParams('page=3&pageSize=25&type=ecs.service'));
    expect(computeView.paging(view)).toEqual({ offset: 50, limit: 25 });
    expect(computeView.withPaging(view, { offset: 75, limit: 25 })).toMatchObject({
      page: 4,
      pageSize: 25,
      type: ['ecs.service'],
    });
    expect(computeView.withPaging(view, { offset: 60, limit: 25 }).page).toBe(3);
    expect(computeView.withPaging(view, { offset: 0, limit: 100 })).toMatchObject({
      page: 1,
      pageSize: 100,
    });
    expect(computeView.withFilters(view, { q: 'api' })).toMatchObject({ q: 'api', page: 1 });
    expect(computeParams(computeView.parse(computeView.serialise(view)))).toEqual(
      computeParams(view),
    );
  });

  it('tells a header whether the list is sorted by it, and which way', () => {
    const view = parseComputeParams(new URLSearchParams('sort=saving&order=desc'));
    expect(computeSortDirection(view, 'saving')).toBe('descending');
    expect(computeSortDirection({ ...view, order: 'asc' }, 'saving')).toBe('ascending');
    expect(computeSortDirection(view, 'name')).toBe('none');
  });
});

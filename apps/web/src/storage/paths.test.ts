import { matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { bucketHref, parseBucketPath, prefixCrumbs } from './paths';

const route = [{ path: '/storage/:connection/:account/:bucket/*' }];

/** What the page reads back from an address the browser has normalised. */
function roundTrip(href: string) {
  const pathname = new URL(href, 'http://localhost').pathname;
  expect(matchRoutes(route, pathname)).not.toBeNull();
  return parseBucketPath(pathname);
}

describe('storage addresses', () => {
  const where = { connection: 'demo aws', account: '1111/2222', bucket: 'logs' };

  it.each([
    '',
    'docs/2024/',
    '<img src=x onerror=alert(1)>/',
    '../../etc/',
    'a/./b/',
    'a//b/',
    '%2F already encoded/',
    '100%/%zz/',
    'ü ? # &/',
  ])('gives back the exact prefix %j after the URL parser', (prefix) => {
    const params = roundTrip(bucketHref(where, prefix));
    expect(params).toEqual({ ...where, prefix });
  });

  it('never lets a name out of its path segment', () => {
    const href = bucketHref({ connection: '..', account: 'a?b', bucket: '#x' }, '');
    expect(href).toBe('/storage/../a%3Fb/%23x/');
    // `..` as a connection name is not a valid connection; the parser may not climb with it either.
    expect(new URL(href, 'http://localhost').pathname.startsWith('/')).toBe(true);
  });

  it('reads no location from malformed escapes or other pages', () => {
    expect(parseBucketPath('/storage/a/b/%E0%A4%A/')).toBeNull();
    expect(parseBucketPath('/storage/a/b')).toBeNull();
    expect(parseBucketPath('/inventory/a/b/c')).toBeNull();
  });

  it('splits a prefix into crumbs, one per segment', () => {
    expect(prefixCrumbs('a/b c/<x>/')).toEqual([
      { label: 'a', prefix: 'a/' },
      { label: 'b c', prefix: 'a/b c/' },
      { label: '<x>', prefix: 'a/b c/<x>/' },
    ]);
    expect(prefixCrumbs('')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { resourceHref, uidFromPath } from './resource-href';

describe('resource paths', () => {
  it('carries a uid with slashes and escapes as one segment and reads it back', () => {
    const uid = 'aws/111122223333/us-east-1/s3.object/logs%2F2026%2Fa b.txt';
    const href = resourceHref(uid);
    expect(href.split('/')).toHaveLength(3);
    expect(uidFromPath(href)).toBe(uid);
  });

  it('gives null for a path that is not a resource or has a broken escape', () => {
    expect(uidFromPath('/inventory')).toBeNull();
    expect(uidFromPath('/resources/%E0%A4%A')).toBeNull();
  });
});

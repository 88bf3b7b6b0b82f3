import { describe, expect, it } from 'vitest';
import { deepEqual, diffResources } from './diff';

const base = { name: 'a', state: 'running', tags: {}, createdAt: null, attributes: {} };

describe('diffResources', () => {
  it('is empty for equal resources whatever the key order', () => {
    const a = { ...base, attributes: { x: 1, nested: { p: [1, { q: 2 }], r: null } } };
    const b = { ...base, attributes: { nested: { r: null, p: [1, { q: 2 }] }, x: 1 } };
    expect(diffResources(a, b)).toEqual([]);
  });

  it('records a leaf that turns into an object, and back, at its own path', () => {
    const before = { ...base, attributes: { placement: 'a' } };
    const after = { ...base, attributes: { placement: { zone: 'a' } } };
    expect(diffResources(before, after)).toEqual([
      { path: 'attributes.placement', before: 'a', after: { zone: 'a' } },
    ]);
    expect(diffResources(after, before)).toEqual([
      { path: 'attributes.placement', before: { zone: 'a' }, after: 'a' },
    ]);
  });

  it('compares arrays as values', () => {
    expect(deepEqual([1, 2], [1, 2])).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps same-origin paths with their query', () => {
    expect(safeReturnTo('/inventory?state=running')).toBe('/inventory?state=running');
  });

  it('refuses anything that could leave the origin or loop back to login', () => {
    for (const value of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'inventory',
      '',
      null,
      '/login?x=1',
    ]) {
      expect(safeReturnTo(value)).toBe('/');
    }
  });
});

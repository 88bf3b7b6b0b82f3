import { describe, expect, it } from 'vitest';
import { parseStoreUrl } from './store-url';

describe('parseStoreUrl', () => {
  it('recognises PostgreSQL URLs in either spelling', () => {
    expect(parseStoreUrl('postgres://u@h:5432/db')).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
    expect(parseStoreUrl('postgresql://h/db?sslmode=require')).toEqual({
      kind: 'postgres',
      url: 'postgresql://h/db?sslmode=require',
    });
  });

  it('treats everything else as an SQLite file', () => {
    expect(parseStoreUrl(':memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(parseStoreUrl('data/ccx.db')).toEqual({ kind: 'sqlite', path: 'data/ccx.db' });
    expect(parseStoreUrl('sqlite:data/ccx.db')).toEqual({ kind: 'sqlite', path: 'data/ccx.db' });
    expect(parseStoreUrl('sqlite:///var/lib/ccx/ccx.db')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/ccx/ccx.db',
    });
  });

  it('rejects an empty URL or one without a file', () => {
    expect(() => parseStoreUrl(' ')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => parseStoreUrl('sqlite:')).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

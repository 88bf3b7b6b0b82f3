import { describe, expect, it } from 'vitest';
import { formatStorageUri, isStorageUri, parseStorageUri, StorageUriError } from './uri';

describe('parseStorageUri', () => {
  it('parses scheme roots as bucket listings', () => {
    expect(parseStorageUri('s3://')).toEqual({
      scheme: 's3',
      provider: 'aws',
      account: null,
      bucket: null,
      key: '',
    });
    expect(parseStorageUri('az://devstoreaccount1')).toMatchObject({
      account: 'devstoreaccount1',
      bucket: null,
    });
  });

  it('keeps keys verbatim, slashes, dots and all', () => {
    expect(parseStorageUri('s3://my-bucket/a/../b c/%2F.txt')).toMatchObject({
      bucket: 'my-bucket',
      key: 'a/../b c/%2F.txt',
    });
    expect(parseStorageUri('gs://data_lake.example/logs/')).toMatchObject({
      provider: 'gcp',
      key: 'logs/',
    });
    expect(parseStorageUri('az://acct01/container-1/x/y.json')).toMatchObject({
      provider: 'azure',
      account: 'acct01',
      bucket: 'container-1',
      key: 'x/y.json',
    });
  });

  it.each([
    ['http://bucket/key', /not a storage URI/],
    ['s3://UPPER/key', /not a valid S3 bucket/],
    ['s3://a/key', /not a valid S3 bucket/],
    ['s3://bad..name/key', /not a valid S3 bucket/],
    ['az://Not_An_Account/c/k', /storage account/],
    ['az://acct01/bad--container/k', /container name/],
    ['s3://bucket/evil\u0007key', /control character/],
    [`s3://bucket/${'k'.repeat(1025)}`, /longer than 1024/],
  ])('refuses %s', (uri, message) => {
    expect(() => parseStorageUri(uri)).toThrow(StorageUriError);
    expect(() => parseStorageUri(uri)).toThrow(message);
  });

  it('round-trips with formatStorageUri', () => {
    for (const uri of ['s3://b-1/k/e/y', 'gs://bucket/x', 'az://acct01/cont/a/b']) {
      const parsed = parseStorageUri(uri);
      expect(
        formatStorageUri(parsed.provider, {
          account: parsed.account,
          bucket: parsed.bucket ?? '',
          key: parsed.key,
        }),
      ).toBe(uri);
    }
  });

  it('tells URIs from local paths', () => {
    expect(isStorageUri('s3://b/k')).toBe(true);
    expect(isStorageUri('./s3://b')).toBe(false);
    expect(isStorageUri('C:\\data')).toBe(false);
  });
});

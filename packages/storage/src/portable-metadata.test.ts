import { describe, expect, it } from 'vitest';
import { portableMetadata } from './portable-metadata';

describe('portableMetadata', () => {
  it('renames what Azure refuses and keeps what it accepts', () => {
    expect(
      portableMetadata('azure', {
        'content-origin': 's3',
        source: 'seed',
        '2nd': 'x',
        'a.b': '1',
        a_b: '2',
      }),
    ).toEqual({ content_origin: 's3', source: 'seed', _2nd: 'x', a_b: '1', a_b_2: '2' });
  });

  it('percent-encodes non-ASCII values for S3 and Azure, not for GCS', () => {
    const metadata = { author: 'Zoë ✓' };
    expect(portableMetadata('aws', metadata)).toEqual({ author: 'Zo%C3%AB%20%E2%9C%93' });
    expect(portableMetadata('azure', metadata)).toEqual({ author: 'Zo%C3%AB%20%E2%9C%93' });
    expect(portableMetadata('gcp', metadata)).toEqual(metadata);
  });

  it('turns characters that cannot be in an HTTP header name into _ for S3', () => {
    expect(portableMetadata('aws', { 'owner team': 'data', 'x-id': '7' })).toEqual({
      owner_team: 'data',
      'x-id': '7',
    });
  });
});

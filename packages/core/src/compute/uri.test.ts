import { describe, expect, it } from 'vitest';
import { resourceUid } from '../model/resource';
import { ComputeUriError, formatComputeUri, parseComputeUri } from './uri';

describe('compute URIs', () => {
  const ec2 = {
    provider: 'aws' as const,
    account: '123456789012',
    region: 'us-east-1',
    type: 'ec2.instance',
    id: 'i-0abc',
  };
  const vm = {
    provider: 'azure' as const,
    account: '00000000-0000-0000-0000-000000000001',
    region: 'westeurope',
    type: 'azure.vm',
    id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web-1',
  };

  it('round-trips, keeping ids with slashes in one segment', () => {
    expect(formatComputeUri(ec2)).toBe('aws://123456789012/us-east-1/ec2.instance/i-0abc');
    expect(parseComputeUri(formatComputeUri(ec2))).toEqual(ec2);
    expect(parseComputeUri(formatComputeUri(vm))).toEqual(vm);
  });

  it('accepts a resource uid', () => {
    expect(parseComputeUri(resourceUid(ec2))).toEqual(ec2);
  });

  it('refuses unknown providers and short paths', () => {
    expect(() => parseComputeUri('ftp://a/b/c/d')).toThrow(ComputeUriError);
    expect(() => parseComputeUri('aws://123456789012/us-east-1')).toThrow(ComputeUriError);
    expect(() => parseComputeUri('i-0abc')).toThrow(ComputeUriError);
  });
});

import { ACTIONS } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { bulkActionRequestSchema, computeListQuerySchema } from '../contract';
import { computeMetricsQuerySchema } from './compute.schema';

describe('compute schemas', () => {
  it('bulk bodies cover every action but deploys and associations, and stay strict', () => {
    const single = ['compute.deploy', 'compute.associate-address', 'compute.disassociate-address'];
    for (const action of Object.keys(ACTIONS).filter((name) => !single.includes(name))) {
      const body =
        action === 'compute.resize'
          ? { action, size: 'm5.large', uids: ['a'] }
          : action === 'compute.scale'
            ? { action, count: 2, uids: ['a'] }
            : { action, uids: ['a'] };
      expect(bulkActionRequestSchema.safeParse(body).success, action).toBe(true);
    }
    for (const action of single)
      expect(bulkActionRequestSchema.safeParse({ action, cpu: '256', uids: ['a'] }).success).toBe(
        false,
      );
    expect(
      bulkActionRequestSchema.safeParse({ action: 'compute.start', uids: ['a'], size: 'x' })
        .success,
    ).toBe(false);
    expect(
      bulkActionRequestSchema.safeParse({ action: 'compute.start', uids: ['a', 'a'] }).success,
    ).toBe(false);
    expect(bulkActionRequestSchema.safeParse({ action: 'compute.start', uids: [] }).success).toBe(
      false,
    );
  });

  it('list queries split comma lists and bound the page size', () => {
    const parsed = computeListQuerySchema.parse({ type: 'ec2.instance, azure.vm', page: '2' });
    expect(parsed).toMatchObject({
      type: ['ec2.instance', 'azure.vm'],
      page: 2,
      pageSize: 50,
      sort: 'name',
      order: 'asc',
    });
    expect(computeListQuerySchema.safeParse({ pageSize: '201' }).success).toBe(false);
    expect(computeListQuerySchema.safeParse({ sort: 'price' }).success).toBe(false);
  });

  it('metric names are checked against the known metrics', () => {
    expect(computeMetricsQuerySchema.parse({ metrics: 'cpu,networkIn,cpu' })).toEqual({
      range: '24h',
      metrics: ['cpu', 'networkIn'],
    });
    expect(computeMetricsQuerySchema.safeParse({ metrics: 'cpu,../etc' }).success).toBe(false);
    expect(computeMetricsQuerySchema.safeParse({ range: '7d' }).success).toBe(false);
  });
});

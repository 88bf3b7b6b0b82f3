import { makeResource, type Resource } from '@ccx/core';
import type { ScopeRef } from '../types';

/** Test data builders: a resource in a scope with sensible defaults. */
export function scopeOf(overrides: Partial<ScopeRef> = {}): ScopeRef {
  return {
    connection: 'prod',
    provider: 'aws',
    account: '111111111111',
    region: 'us-east-1',
    ...overrides,
  };
}

export function resourceIn(
  scope: ScopeRef,
  id: string,
  overrides: Partial<Omit<Resource, 'uid' | 'provider' | 'account' | 'region' | 'id'>> = {},
): Resource {
  return makeResource({
    provider: scope.provider,
    account: scope.account,
    region: scope.region,
    type: 'ec2.instance',
    id,
    name: id,
    state: 'running',
    tags: {},
    createdAt: null,
    attributes: {},
    ...overrides,
  });
}

/** Deterministic timestamps a minute apart, so ordering assertions never depend on the clock. */
export function minute(n: number): string {
  return new Date(Date.UTC(2026, 10, 25, 8, n)).toISOString();
}

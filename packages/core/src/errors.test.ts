import { describe, expect, it } from 'vitest';
import { CcxError, conflict, toCcxError } from './errors';
import { roleAllows } from './model/action';

describe('domain errors', () => {
  it('keep code, details, retryable flag and cause', () => {
    const cause = new Error('socket hang up');
    const error = new CcxError('unavailable', 'EC2 is throttling', { cause, retryable: true });
    expect(error.code).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(conflict('busy', { runId: 'r1' }).details).toEqual({ runId: 'r1' });
  });

  it('wrap unknown throws as internal, leaving CcxErrors untouched', () => {
    const original = conflict('x');
    expect(toCcxError(original)).toBe(original);
    const wrapped = toCcxError('boom');
    expect(wrapped.code).toBe('internal');
    expect(wrapped.retryable).toBe(false);
  });
});

describe('roles', () => {
  it('are ordered viewer < operator < admin', () => {
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'operator')).toBe(false);
    expect(roleAllows('operator', 'operator')).toBe(true);
    expect(roleAllows('operator', 'admin')).toBe(false);
    expect(roleAllows('admin', 'operator')).toBe(true);
  });
});

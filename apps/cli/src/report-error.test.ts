import { describe, expect, it } from 'vitest';
import { CcxError } from '@ccx/core';
import { exitCodeFor } from './exit-codes';
import { formatError } from './report-error';

describe('formatError', () => {
  const error = new CcxError('provider_error', 'Connection "prod" failed', {
    cause: new Error('ECONNREFUSED'),
  });

  it('prints one line without --verbose', () => {
    expect(formatError(error, false)).toBe('ccx: Connection "prod" failed');
  });

  it('adds the stack and the causes with --verbose', () => {
    const text = formatError(error, true);
    expect(text).toContain('caused by:');
    expect(text).toContain('ECONNREFUSED');
    expect(text.split('\n').length).toBeGreaterThan(3);
  });
});

describe('exitCodeFor', () => {
  it('maps invalid input to 2 and anything else to 1', () => {
    expect(exitCodeFor(new CcxError('invalid_input', 'bad'))).toBe(2);
    expect(exitCodeFor(new CcxError('conflict', 'exists'))).toBe(1);
    expect(exitCodeFor(new Error('boom'))).toBe(1);
  });
});

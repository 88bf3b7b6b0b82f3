import { describe, expect, it } from 'vitest';
import { weakPasswordReason } from './password-input';

describe('weakPasswordReason', () => {
  it('refuses long but trivial passwords', () => {
    expect(weakPasswordReason('aaaaaaaaaaaaaaaa', 'ada')).toMatch(/different characters/);
    expect(weakPasswordReason('ada-lovelace-1815', 'ada')).toMatch(/username/);
    expect(weakPasswordReason('password12345678', 'ada')).toMatch(/well-known/);
    expect(weakPasswordReason('1234567890abcdef', 'ada')).toMatch(/well-known/);
  });

  it('accepts a passphrase', () => {
    expect(weakPasswordReason('correct horse battery staple', 'ada')).toBeNull();
  });
});

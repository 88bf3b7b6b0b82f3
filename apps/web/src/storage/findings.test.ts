import { describe, expect, it } from 'vitest';
import { findingTotals, isSecretType } from './findings';

describe('finding families', () => {
  it('counts secrets apart from personal data', () => {
    expect(
      findingTotals({ EMAIL: 3, CREDIT_CARD: 1, SECRET: 2, 'aws-access-token': 1, US_SSN: 0 }),
    ).toEqual({
      pii: 4,
      secrets: 3,
      detail: 'EMAIL 3, CREDIT_CARD 1, SECRET 2, aws-access-token 1',
    });
  });

  it('treats every type without a secret word as personal data', () => {
    for (const type of ['EMAIL', 'IBAN', 'US_SSN', 'PHONE_NUMBER', 'IP_ADDRESS', 'CREDIT_CARD'])
      expect(isSecretType(type)).toBe(false);
    for (const type of ['SECRET', 'private-key', 'github-pat-token', 'generic-api-key'])
      expect(isSecretType(type)).toBe(true);
  });

  it('has nothing to badge for no counts', () => {
    expect(findingTotals(undefined)).toEqual({ pii: 0, secrets: 0, detail: '' });
  });
});

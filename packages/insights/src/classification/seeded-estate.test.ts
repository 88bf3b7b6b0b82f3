import { seedStorage } from '@ccx/sandbox';
import { describe, expect, it } from 'vitest';
import { decodeSample } from './decode-sample';
import { evaluatePlanted, type PlantedText } from './evaluate-planted';

/** The sandbox's seeded buckets, cut to a twentieth: every document kind, a few hundred objects. */
function seededTexts(): PlantedText[] {
  const estate = seedStorage({
    seed: 42,
    now: Date.UTC(2026, 10, 1),
    awsAccounts: ['111111111111', '222222222222', '333333333333'],
    gcpProjects: ['ccx-sandbox-prod', 'ccx-sandbox-data'],
    azureAccounts: ['ccxsandboxprod', 'ccxsandboxdata'],
    scale: 0.05,
  });
  const texts: PlantedText[] = [];
  for (const object of estate.buckets.flatMap((b) => b.objects)) {
    if (object.readRange) continue; // data-lake parquet files, read by ranges only
    const meta = { key: object.key, contentType: object.contentType, maxBytes: Infinity };
    const text = decodeSample(object.body(), meta);
    if (text !== null) texts.push({ text, planted: object.planted, path: object.key });
  }
  return texts;
}

describe('recall on the seeded storage estate', () => {
  it('finds at least 90% of the planted values of every type', () => {
    const scores = evaluatePlanted(seededTexts());
    for (const type of ['EMAIL', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'PHONE_NUMBER', 'IP_ADDRESS']) {
      expect(scores[type]?.planted, type).toBeGreaterThan(20);
      expect(scores[type]?.recall, type).toBeGreaterThanOrEqual(0.9);
      // Nothing else in the seeded documents looks like PII.
      expect(scores[type]?.unplanted, type).toBe(0);
    }
    expect(scores.SECRET?.recall).toBeGreaterThanOrEqual(0.9);
  });
});

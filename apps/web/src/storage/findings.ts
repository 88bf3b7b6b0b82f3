/**
 * Finding types split into the two families the browser badges: secrets (credentials that
 * grant access) and personal data. The scanner names secret rules after what they match
 * (`aws-access-key`, `private-key`, `github-token`, `password`…), so a type is a secret when
 * its name says so; every other type is personal data.
 */
const SECRET_WORDS = /secret|key|token|password|credential|private|jwt|connection-string/i;

export function isSecretType(type: string): boolean {
  return SECRET_WORDS.test(type);
}

export interface FindingTotals {
  pii: number;
  secrets: number;
  /** `type count` pairs, for the badge's title. */
  detail: string;
}

export function findingTotals(counts: Record<string, number> | null | undefined): FindingTotals {
  let pii = 0;
  let secrets = 0;
  const parts: string[] = [];
  for (const [type, count] of Object.entries(counts ?? {})) {
    if (!(count > 0)) continue;
    if (isSecretType(type)) secrets += count;
    else pii += count;
    parts.push(`${type} ${count}`);
  }
  return { pii, secrets, detail: parts.join(', ') };
}

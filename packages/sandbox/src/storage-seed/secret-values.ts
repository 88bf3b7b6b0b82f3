import type { Prng } from '../prng';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;

/** A secret of a well-known format, named by the gitleaks rule id that describes it. */
export interface GeneratedSecret {
  ruleId: string;
  /** The variable or field name it is stored under. */
  name: string;
  value: string;
}

/** Secrets shaped as the services issue them: right prefix, alphabet, length and randomness. */
export const SECRET_KINDS: readonly ((prng: Prng) => GeneratedSecret)[] = [
  (prng) => ({
    ruleId: 'aws-access-token',
    name: 'AWS_ACCESS_KEY_ID',
    value: `AKIA${prng.chars(BASE32, 16)}`,
  }),
  (prng) => ({
    ruleId: 'github-pat',
    name: 'GITHUB_TOKEN',
    value: `ghp_${prng.chars(ALNUM, 36)}`,
  }),
  (prng) => ({
    ruleId: 'slack-bot-token',
    name: 'SLACK_BOT_TOKEN',
    value: `xoxb-${prng.chars('0123456789', 12)}-${prng.chars('0123456789', 12)}-${prng.chars(ALNUM, 24)}`,
  }),
  (prng) => ({
    ruleId: 'stripe-access-token',
    name: 'STRIPE_SECRET_KEY',
    value: `sk_live_${prng.chars(ALNUM, 32)}`,
  }),
  (prng) => ({
    ruleId: 'gcp-api-key',
    name: 'GOOGLE_MAPS_API_KEY',
    value: `AIza${prng.chars(`${ALNUM}_-`, 35)}`,
  }),
  (prng) => ({
    ruleId: 'sendgrid-api-token',
    name: 'SENDGRID_API_KEY',
    value: `SG.${prng.chars(`${ALNUM}_-`, 22)}.${prng.chars(`${ALNUM}_-`, 43)}`,
  }),
];

/** An RSA-looking PEM private key block (random base64 body: it is not a usable key). */
export function privateKeyPem(prng: Prng): GeneratedSecret {
  const lines = Array.from({ length: 12 }, () => prng.chars(B64, 64));
  return {
    ruleId: 'private-key',
    name: 'private_key',
    value: `-----BEGIN RSA PRIVATE KEY-----\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----`,
  };
}

/** The AWS secret access key that goes with an access key id (40 base64 characters). */
export function awsSecretKey(prng: Prng): string {
  return prng.chars(B64, 40);
}

export const upperWord = (prng: Prng, length: number): string => prng.chars(UPPER, length);

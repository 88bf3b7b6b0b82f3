import { deriveSeed } from '@ccx/core';
import { createPrng, type Prng } from '../prng';
import { SANDBOX_USER_NAME, type SandboxAccount } from '../estate/account';
import type { KnownCredential, Principal } from './principal';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
}

/**
 * Every access key the sandbox accepts: the long-term key of each account's user, plus the
 * temporary credentials AssumeRole has issued. Issued secrets come from a seeded stream so a
 * run is reproducible end to end.
 */
export class CredentialStore {
  private readonly known = new Map<string, KnownCredential>();
  private readonly prng: Prng;

  constructor(accounts: readonly SandboxAccount[], seed: number) {
    this.prng = createPrng(deriveSeed(seed, 'sts'));
    for (const account of accounts) {
      const idPrng = createPrng(deriveSeed(seed, `user/${account.id}`));
      this.known.set(account.accessKeyId, {
        secretAccessKey: account.secretAccessKey,
        sessionToken: null,
        expiresAt: null,
        principal: {
          accountId: account.id,
          arn: `arn:aws:iam::${account.id}:user/${SANDBOX_USER_NAME}`,
          userId: `AIDA${idPrng.chars(KEY_ALPHABET, 17)}`,
          kind: 'user',
        },
      });
    }
  }

  lookup(accessKeyId: string): KnownCredential | undefined {
    return this.known.get(accessKeyId);
  }

  /** A stable role id per role ARN, as IAM keeps one role id for the life of the role. */
  roleId(roleArn: string): string {
    return `AROA${createPrng(deriveSeed(0, roleArn)).chars(KEY_ALPHABET, 17)}`;
  }

  issue(principal: Principal, durationSeconds: number, now: number): IssuedCredentials {
    const issued: IssuedCredentials = {
      accessKeyId: `ASIA${this.prng.chars(KEY_ALPHABET, 16)}`,
      secretAccessKey: this.prng.chars(SECRET_ALPHABET, 40),
      sessionToken: `FwoGZXIvYXdzE${this.prng.chars(SECRET_ALPHABET, 180)}`,
      // AWS reports expirations to the second; keep the stored one identical to what the client sees.
      expiresAt: Math.floor((now + durationSeconds * 1000) / 1000) * 1000,
    };
    this.known.set(issued.accessKeyId, {
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      expiresAt: issued.expiresAt,
      principal,
    });
    return issued;
  }
}

import { createHash } from 'node:crypto';

/** A storage account served by the sandbox's Azurite, with its shared key (base64, 64 bytes). */
export interface AzuriteAccount {
  name: string;
  key: string;
}

/** Production-like and data-lake-like accounts, so the estate has more than one to browse. */
export const SANDBOX_AZURE_ACCOUNT_NAMES = ['ccxsandboxprod', 'ccxsandboxdata'] as const;

const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/**
 * Keys derive from the seed, like the AWS credentials of the estate: a detached sandbox and the
 * config written for it agree without the key ever being printed, and a different seed yields
 * different keys. They are sandbox-only secrets and must still stay out of logs.
 */
export function sandboxAzureAccounts(
  seed: number,
  names: readonly string[] = SANDBOX_AZURE_ACCOUNT_NAMES,
): AzuriteAccount[] {
  return names.map((name) => {
    if (!ACCOUNT_NAME.test(name)) throw new Error(`invalid storage account name: ${name}`);
    const key = createHash('sha512').update(`ccx-sandbox-azure:${seed}:${name}`).digest('base64');
    return { name, key };
  });
}

/** Azurite's `AZURITE_ACCOUNTS` format: `name1:key1;name2:key2`. */
export function azuriteAccountsEnv(accounts: readonly AzuriteAccount[]): string {
  return accounts.map(({ name, key }) => `${name}:${key}`).join(';');
}

import { z } from 'zod';

/** Azure's rule for storage account names: 3–24 lowercase letters and digits. */
export const storageAccountNameSchema = z
  .string()
  .regex(/^[a-z0-9]{3,24}$/, 'expected 3–24 lowercase letters and digits');

/**
 * One storage account of a connection. With `key`, requests are signed with the account's
 * shared key; without it, the connection's `DefaultAzureCredential` (environment, workload
 * identity, managed identity, Azure CLI…) is used and needs a data-plane role such as
 * Storage Blob Data Reader. `endpoint` overrides the blob endpoint of this account alone.
 */
export const azureStorageAccountSchema = z
  .object({
    name: storageAccountNameSchema,
    key: z.base64('expected the base64 account key').min(1).optional(),
    endpoint: z.url().optional(),
    /** The account's location (`westeurope`): the data plane cannot read it; `global` if unset. */
    region: z
      .string()
      .regex(/^[a-z0-9]+$/)
      .optional(),
    alias: z.string().min(1).optional(),
  })
  .strict();
export type AzureStorageAccountConfig = z.infer<typeof azureStorageAccountSchema>;

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'expected an https URL' })
  .transform((url) => url.replace(/\/+$/, ''));

/** A tenant id (GUID) or one of its domain names. */
const tenantIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/, 'expected a tenant id or domain');

/**
 * Azure compute (VMs, disks, Monitor metrics) across subscriptions, signed in as one Entra
 * app. With `clientSecret` the app's client credentials are used; without it
 * `DefaultAzureCredential` (environment, workload identity, managed identity, Azure CLI…),
 * which needs a role such as Reader (and Virtual Machine Contributor for actions).
 * `authorityHost` and `resourceManagerEndpoint` point at a sovereign cloud or the sandbox.
 */
export const azureComputeSchema = z
  .object({
    tenantId: tenantIdSchema,
    clientId: z.guid('expected the application (client) id, a GUID'),
    clientSecret: z.string().min(1).optional(),
    authorityHost: httpsUrl.optional(),
    resourceManagerEndpoint: httpsUrl.default('https://management.azure.com'),
    subscriptions: z
      .array(z.guid('expected a subscription id, a GUID').transform((id) => id.toLowerCase()))
      .min(1)
      .refine((ids) => new Set(ids).size === ids.length, {
        message: 'a subscription is listed twice',
      }),
    /** How often a wait or a long-running operation is polled; ARM asks for seconds, not less. */
    pollIntervalMs: z.number().int().min(10).max(60_000).optional(),
  })
  .strict();
export type AzureComputeConfig = z.infer<typeof azureComputeSchema>;

/** Whether two URLs the schema took name the same place: host case and default port aside. */
function sameUrl(a: string, b: string): boolean {
  return new URL(a).href === new URL(b).href;
}

/** Why a connection's own authority and tenant must repeat its compute section's. */
const ONE_SIGN_IN =
  'A connection with compute signs in, storage included, where its compute section says.';

/**
 * One `provider: azure` connection of `ccx.yaml`: storage accounts, compute subscriptions, or
 * both. `blobEndpoint` is a template with
 * `{account}` for endpoints that are not `https://<account>.blob.core.windows.net`: Azurite and
 * the sandbox serve accounts path-style, `http://127.0.0.1:10000/{account}`.
 * `authorityHost` and `tenantId` say where keyless storage accounts of a connection without
 * compute sign in. Beside compute they may only repeat its values (the authority as a URL,
 * host case, default port and trailing slash aside; the tenant case aside): one connection
 * signs in at one authority and tenant, as one app, and the compute section names them; a
 * value that differs, or an `authorityHost` where compute has none, is refused rather than one
 * of the two silently ignored.
 */
export const azureConfigSchema = z
  .object({
    storageAccounts: z
      .array(azureStorageAccountSchema)
      .min(1)
      .refine(
        (accounts) => new Set(accounts.map((account) => account.name)).size === accounts.length,
        {
          message: 'a storage account is listed twice',
        },
      )
      .optional(),
    blobEndpoint: z
      .string()
      .refine((value) => value.includes('{account}') && URL.canParse(value), {
        message: 'expected a URL template containing {account}',
      })
      .optional(),
    authorityHost: httpsUrl.optional(),
    tenantId: tenantIdSchema.optional(),
    /** Tries per SDK request (first try included); the SDK backs off exponentially between them. */
    maxAttempts: z.number().int().min(1).max(20).default(4),
    compute: azureComputeSchema.optional(),
    sandbox: z.boolean().default(false),
  })
  .strict()
  .refine((config) => config.storageAccounts !== undefined || config.compute !== undefined, {
    message: 'expected storageAccounts, compute or both',
  })
  .superRefine((config, context) => {
    const { compute, authorityHost, tenantId } = config;
    if (!compute) return;
    // The authority is not repeated: a URL may carry user info.
    if (
      authorityHost !== undefined &&
      (compute.authorityHost === undefined || !sameUrl(authorityHost, compute.authorityHost))
    )
      context.addIssue({
        code: 'custom',
        path: ['authorityHost'],
        message:
          compute.authorityHost === undefined
            ? `authorityHost is set but compute.authorityHost is not, so compute signs in elsewhere. ${ONE_SIGN_IN} Set compute.authorityHost instead.`
            : `authorityHost differs from compute.authorityHost. ${ONE_SIGN_IN} Set compute.authorityHost alone.`,
      });
    if (tenantId !== undefined && tenantId.toLowerCase() !== compute.tenantId.toLowerCase())
      context.addIssue({
        code: 'custom',
        path: ['tenantId'],
        message: `tenantId (${tenantId}) differs from compute.tenantId (${compute.tenantId}). ${ONE_SIGN_IN} Set compute.tenantId alone.`,
      });
  });
export type AzureConfig = z.infer<typeof azureConfigSchema>;
export type AzureConfigInput = z.input<typeof azureConfigSchema>;

/** The blob endpoint of one account: its own override, the template, or the public cloud. */
export function blobEndpointOf(config: AzureConfig, account: AzureStorageAccountConfig): string {
  const url =
    account.endpoint ??
    config.blobEndpoint?.replaceAll('{account}', account.name) ??
    `https://${account.name}.blob.core.windows.net`;
  return url.replace(/\/+$/, '');
}

import { z } from 'zod';
import { awsProvider } from '@ccx/provider-aws';
import { azureProvider } from '@ccx/provider-azure';
import { gcpProvider } from '@ccx/provider-gcp';

/**
 * One entry per configured connection, discriminated by `provider`. Each provider owns the
 * schema of its own settings (`configSchema`); the config adds what every connection has: a
 * unique `name` and the `sandbox` label.
 */
const common = {
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, {
    error: 'expected a name of letters, digits, ".", "_" or "-"',
  }),
  /** Labels everything this connection shows as sandbox data. */
  sandbox: z.boolean().optional(),
};

/** Strict, unlike the provider's own schema: a misspelt key in ccx.yaml is an error, not ignored. */
export const awsConnectionSchema = awsProvider.configSchema
  .extend({ ...common, provider: z.literal('aws') })
  .strict();

/**
 * These provider schemas carry their own `sandbox` flag and are already strict; `safeExtend`
 * keeps the provider schema's own refinements (e.g. credentials xor keyFile). */
export const gcpConnectionSchema = gcpProvider.configSchema.safeExtend({
  name: common.name,
  provider: z.literal('gcp'),
});

export const azureConnectionSchema = azureProvider.configSchema.safeExtend({
  name: common.name,
  provider: z.literal('azure'),
});

export const connectionsSchema = z
  .array(
    z.discriminatedUnion('provider', [
      awsConnectionSchema,
      gcpConnectionSchema,
      azureConnectionSchema,
    ]),
  )
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `duplicate connection name "${entry.name}"`,
        });
      }
      seen.add(entry.name);
    });
  });

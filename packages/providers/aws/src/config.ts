import { z } from 'zod';

const accountIdPattern = /^\d{12}$/;

/** One account reached through a named profile (`~/.aws/config`, SSO included). */
const profileAccountSchema = z.object({
  profile: z.string().min(1),
  alias: z.string().min(1).optional(),
});

/** One account reached by assuming a role with the connection's base credentials. */
const roleAccountSchema = z.object({
  roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'expected an IAM role ARN'),
  externalId: z.string().min(1).optional(),
  alias: z.string().min(1).optional(),
});

/** The account the base credentials belong to, optionally named. */
const baseAccountSchema = z.object({ alias: z.string().min(1).optional() }).strict();

export const awsAccountSchema = z.union([
  profileAccountSchema,
  roleAccountSchema,
  baseAccountSchema,
]);
export type AwsAccountConfig = z.infer<typeof awsAccountSchema>;

/**
 * One `provider: aws` connection of `ccx.yaml`. Without `accounts`, the connection reads the
 * one account of the default credential chain. `endpoint` sends every AWS service to one URL
 * (the sandbox); `credentials` are static keys, meant for the sandbox, used instead of the
 * default chain as the base credentials.
 */
export const awsConfigSchema = z.object({
  regions: z
    .union([z.literal('all'), z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/)).min(1)])
    .default(['us-east-1']),
  accounts: z.array(awsAccountSchema).min(1).optional(),
  endpoint: z.url().optional(),
  credentials: z
    .object({
      accessKeyId: z.string().min(1),
      secretAccessKey: z.string().min(1),
      sessionToken: z.string().min(1).optional(),
    })
    .optional(),
  /** Attempts per SDK request (first try included), with full-jitter exponential backoff. */
  maxAttempts: z.number().int().min(1).max(20).default(3),
  sandbox: z.boolean().default(false),
});
export type AwsConfig = z.infer<typeof awsConfigSchema>;
export type AwsConfigInput = z.input<typeof awsConfigSchema>;

export function isAccountId(value: string): boolean {
  return accountIdPattern.test(value);
}

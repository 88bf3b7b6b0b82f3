import { z } from 'zod';

/**
 * The subset of the gitleaks configuration format this engine reads. Unknown keys are kept out
 * by zod's default stripping, so a newer rule file still loads; fields the engine cannot honour
 * (path-only rules, path allowlists) are read so the compiler can decide to skip or ignore them.
 */
const allowlistSchema = z.object({
  description: z.string().optional(),
  condition: z.enum(['OR', 'AND']).optional(),
  regexTarget: z.enum(['secret', 'match', 'line']).optional(),
  regexes: z.array(z.string()).optional(),
  stopwords: z.array(z.string()).optional(),
  paths: z.array(z.string()).optional(),
  commits: z.array(z.string()).optional(),
});

const ruleSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  regex: z.string().optional(),
  path: z.string().optional(),
  secretGroup: z.number().int().nonnegative().optional(),
  entropy: z.number().nonnegative().optional(),
  keywords: z.array(z.string()).optional(),
  allowlists: z.array(allowlistSchema).optional(),
});

export const gitleaksConfigSchema = z.object({
  title: z.string().optional(),
  allowlist: allowlistSchema.optional(),
  rules: z.array(ruleSchema),
});

export type GitleaksConfig = z.infer<typeof gitleaksConfigSchema>;
export type GitleaksRule = z.infer<typeof ruleSchema>;
export type GitleaksAllowlist = z.infer<typeof allowlistSchema>;

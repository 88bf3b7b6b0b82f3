import { z } from 'zod';
import {
  DEFAULT_RIGHTSIZING_PRESET,
  IDLE_PRESETS,
  RIGHTSIZING_PRESETS,
  type IdlePreset,
  type RightsizingPreset,
} from '@ccx/insights';

const RIGHTSIZING_NAMES = Object.keys(RIGHTSIZING_PRESETS) as [
  RightsizingPreset,
  ...RightsizingPreset[],
];
const IDLE_NAMES = Object.keys(IDLE_PRESETS) as [IdlePreset, ...IdlePreset[]];
const quoted = (names: readonly string[]) => names.map((name) => JSON.stringify(name)).join(', ');

/** A custom rightsizing policy; the bounds are those `@ccx/insights` accepts. */
const rightsizingPolicySchema = z.strictObject({
  /** Percentile of demand, in (0, 100]. */
  percentile: z.number().gt(0).max(100),
  /** Percent of capacity kept free. */
  headroom: z.number().min(0).max(90),
  shrinkMemory: z.boolean().optional(),
  allowGraviton: z.boolean().optional(),
});

/**
 * `insights.compute`: how the compute analysis judges machines. The defaults are the
 * analysis's own (Compute Optimizer's rightsizing; each provider's idle rule), so a config
 * without this section behaves as before it existed.
 */
export const computeInsightsSchema = z.strictObject({
  /** A preset name or a custom `{ percentile, headroom, shrinkMemory?, allowGraviton? }`. */
  rightsizing: z
    .union([z.enum(RIGHTSIZING_NAMES), rightsizingPolicySchema], {
      error: `expected a preset (${quoted(RIGHTSIZING_NAMES)}) or a policy { percentile, headroom }`,
    })
    .default(DEFAULT_RIGHTSIZING_PRESET),
  /** One idle rule for every machine; unset, AWS machines get `aws` and Azure VMs `azure-advisor`. */
  idle: z.enum(IDLE_NAMES).optional(),
});

export const insightsSchema = z.strictObject({
  compute: computeInsightsSchema.prefault({}),
});

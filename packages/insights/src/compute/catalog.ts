import { z } from 'zod';
import instanceTable from '../../data/prices/compute-instances.json' with { type: 'json' };
import storageTable from '../../data/prices/compute-storage.json' with { type: 'json' };

const sourceSchema = z.object({
  url: z.url(),
  /** The date the page states (YYYY-MM-DD or YYYY-MM), or `undated`. */
  date: z.union([z.iso.date(), z.string().regex(/^\d{4}-\d{2}$/), z.literal('undated')]),
  covers: z.string().min(1),
});

const asOfSchema = z.union([z.iso.date(), z.string().regex(/^\d{4}-\d{2}$/), z.literal('undated')]);

export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** `confirmed` is true exactly when no figure is left `unconfirmed`, so neither can drift alone. */
const confirmedMatchesList = (value: { confirmed: boolean; unconfirmed: string[] }) =>
  value.confirmed === (value.unconfirmed.length === 0);
const confirmedMessage = 'confirmed must be false exactly when some figure is named unconfirmed';

const familySchema = z
  .object({
    /** `burstable` sizes buy a CPU-credit baseline, not every vCPU all the time. */
    category: z.enum(['burstable', 'general', 'compute', 'memory']),
    generation: z.number().int().positive(),
    architecture: z.enum(ARCHITECTURES),
    asOf: asOfSchema,
    /** Whether a cited page confirmed every size's reference price. */
    confirmed: z.boolean(),
    /** The sizes whose reference price no cited page gave. */
    unconfirmed: z.array(z.string().min(1)).default([]),
    /** Size → [vCPU, memory GiB, price per hour in the reference region]. */
    sizes: z.record(
      z.string().min(1),
      z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
    ),
  })
  .refine(confirmedMatchesList, { message: confirmedMessage })
  .refine((family) => family.unconfirmed.every((size) => size in family.sizes), {
    message: 'unconfirmed names a size the family does not have',
  });

const providerSchema = z.object({
  referenceRegion: z.string().min(1),
  source: z.url(),
  sources: z.array(sourceSchema).min(1),
  /**
   * Region → multiplier of the reference price; `derived` where no page listed the region.
   * `prices` holds a cited page's own price for a size in that region, used instead of the
   * multiplier for that size.
   */
  regions: z.record(
    z.string().min(1),
    z.object({
      multiplier: z.number().positive(),
      derived: z.boolean(),
      prices: z.record(z.string().min(1), z.number().positive()).default({}),
    }),
  ),
  families: z.record(z.string().min(1), familySchema),
});

export const instanceTableSchema = z.object({
  description: z.string(),
  note: z.string(),
  currency: z.literal('USD'),
  hoursPerMonth: z.number().positive(),
  providers: z.object({ aws: providerSchema, azure: providerSchema }),
});

const tierSchema = z.array(z.tuple([z.number().positive(), z.number().min(0)])).min(1);
const priceMeta = {
  source: z.url(),
  asOf: asOfSchema,
  /** Whether cited pages confirmed every figure; `unconfirmed` names those none gave. */
  confirmed: z.boolean(),
  unconfirmed: z.array(z.string().min(1)).default([]),
  /** The pages that confirmed figures, with the date each states. */
  sources: z.array(sourceSchema).default([]),
};

/** A cited page's own EBS rates for one region, used instead of the regional multiplier. */
const ebsRegionalSchema = z.object({
  perGbMonth: z.record(z.string(), z.number().min(0)).default({}),
  gp3IopsPerMonth: z.number().min(0).optional(),
});

export const storageTableSchema = z.object({
  description: z.string(),
  note: z.string(),
  currency: z.literal('USD'),
  hoursPerMonth: z.number().positive(),
  aws: z.object({
    referenceRegion: z.string(),
    ebs: z
      .object({
        ...priceMeta,
        perGbMonth: z.record(z.string(), z.number().min(0)),
        provisionedIopsPerMonth: z.record(z.string(), z.number().min(0)),
        gp3: z.object({
          freeIops: z.number().min(0),
          iopsPerMonth: z.number().min(0),
          freeThroughputMBps: z.number().min(0),
          throughputPerMBpsMonth: z.number().min(0),
        }),
        regions: z.record(z.string().min(1), ebsRegionalSchema).default({}),
      })
      .refine(confirmedMatchesList, { message: confirmedMessage }),
    publicIpv4: z
      .object({ ...priceMeta, perHour: z.number().min(0) })
      .refine(confirmedMatchesList, { message: confirmedMessage }),
    fargate: z
      .object({
        ...priceMeta,
        perVcpuHour: z.number().min(0),
        perGbHour: z.number().min(0),
      })
      .refine(confirmedMatchesList, { message: confirmedMessage }),
  }),
  azure: z.object({
    referenceRegion: z.string(),
    managedDisks: z
      .object({
        ...priceMeta,
        tiers: z.object({ Premium: tierSchema, StandardSSD: tierSchema, Standard: tierSchema }),
      })
      .refine(confirmedMatchesList, { message: confirmedMessage }),
  }),
});

export type InstanceTable = z.infer<typeof instanceTableSchema>;
export type StorageTable = z.infer<typeof storageTableSchema>;

/** The bundled tables, checked once at load: a malformed table fails loudly, not later. */
export const COMPUTE_PRICES: InstanceTable = instanceTableSchema.parse(instanceTable);
export const COMPUTE_STORAGE_PRICES: StorageTable = storageTableSchema.parse(storageTable);

export const HOURS_PER_MONTH = COMPUTE_PRICES.hoursPerMonth;

export type CatalogProvider = keyof InstanceTable['providers'];

/** One size as rightsizing sees it, priced for one region. */
export interface InstanceSpec {
  provider: CatalogProvider;
  type: string;
  family: string;
  category: 'burstable' | 'general' | 'compute' | 'memory';
  generation: number;
  architecture: Architecture;
  vcpu: number;
  memoryGiB: number;
  region: string;
  pricePerHour: number;
  /** True when the price is the reference price times a remembered regional multiplier. */
  priceDerived: boolean;
}

const round = (value: number, places: number): number => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

const regionalCatalogs = new Map<
  string,
  { specs: InstanceSpec[]; byType: Map<string, InstanceSpec> }
>();

function regionalCatalog(provider: CatalogProvider, region: string) {
  const key = `${provider}/${region}`;
  const cached = regionalCatalogs.get(key);
  if (cached) return cached;
  const table = COMPUTE_PRICES.providers[provider];
  // Own keys only: a hostile region such as `constructor` must not reach Object.prototype.
  const regional = Object.hasOwn(table.regions, region) ? table.regions[region] : undefined;
  const specs: InstanceSpec[] = [];
  if (regional)
    for (const [family, spec] of Object.entries(table.families))
      for (const [type, [vcpu, memoryGiB, price]] of Object.entries(spec.sizes)) {
        const cited = Object.hasOwn(regional.prices, type) ? regional.prices[type] : undefined;
        specs.push(
          Object.freeze({
            provider,
            type,
            family,
            category: spec.category,
            generation: spec.generation,
            architecture: spec.architecture,
            vcpu,
            memoryGiB,
            region,
            pricePerHour: cited ?? round(price * regional.multiplier, 5),
            priceDerived: cited === undefined && regional.derived,
          }),
        );
      }
  // Only regions the table names are cached, so hostile region strings cannot grow the map.
  const entry = { specs, byType: new Map(specs.map((spec) => [spec.type.toLowerCase(), spec])) };
  if (regional) regionalCatalogs.set(key, entry);
  return entry;
}

/**
 * Every size of a provider priced for `region`; empty when the catalog has no price for the
 * region (an estimate from another region would make a saving look exact when it is not).
 * Built once per region; the specs are frozen.
 */
export function catalogForRegion(
  provider: CatalogProvider,
  region: string,
): readonly InstanceSpec[] {
  return regionalCatalog(provider, region).specs;
}

/** Azure size names are case-insensitive in ARM; AWS types are lower case. */
export function findInstance(
  provider: CatalogProvider,
  region: string,
  type: string,
): InstanceSpec | null {
  return regionalCatalog(provider, region).byType.get(type.toLowerCase()) ?? null;
}

/** Regional multiplier, or null for a region the catalog does not price. */
export function regionMultiplier(provider: CatalogProvider, region: string): number | null {
  const regions = COMPUTE_PRICES.providers[provider].regions;
  return Object.hasOwn(regions, region) ? (regions[region]?.multiplier ?? null) : null;
}

export function monthly(pricePerHour: number): number {
  return round(pricePerHour * HOURS_PER_MONTH, 2);
}

/** EBS volume per month: storage plus provisioned IOPS / throughput beyond what is included. */
export function ebsMonthlyPrice(
  region: string,
  volume: { volumeType: string; sizeGiB: number; iops?: number | null; throughput?: number | null },
): number | null {
  const multiplier = regionMultiplier('aws', region);
  const ebs = COMPUTE_STORAGE_PRICES.aws.ebs;
  const type = volume.volumeType;
  const perGb = Object.hasOwn(ebs.perGbMonth, type) ? ebs.perGbMonth[type] : undefined;
  if (multiplier === null || perGb === undefined) return null;
  // A rate a cited page gave for this region stands as it is; the rest are scaled.
  const cited = Object.hasOwn(ebs.regions, region) ? ebs.regions[region] : undefined;
  const citedPerGb =
    cited && Object.hasOwn(cited.perGbMonth, type) ? cited.perGbMonth[type] : undefined;
  let total = volume.sizeGiB * (citedPerGb ?? perGb * multiplier);
  const iopsRate = Object.hasOwn(ebs.provisionedIopsPerMonth, type)
    ? ebs.provisionedIopsPerMonth[type]
    : undefined;
  if (iopsRate !== undefined) total += (volume.iops ?? 0) * iopsRate * multiplier;
  if (type === 'gp3') {
    total +=
      Math.max(0, (volume.iops ?? 0) - ebs.gp3.freeIops) *
      (cited?.gp3IopsPerMonth ?? ebs.gp3.iopsPerMonth * multiplier);
    total +=
      Math.max(0, (volume.throughput ?? 0) - ebs.gp3.freeThroughputMBps) *
      ebs.gp3.throughputPerMBpsMonth *
      multiplier;
  }
  return round(total, 2);
}

/** A public IPv4 address for a month (AWS bills every one, attached or not). */
export function publicIpv4MonthlyPrice(region: string): number | null {
  const multiplier = regionMultiplier('aws', region);
  if (multiplier === null) return null;
  // Not region-scaled: the per-address rate is the same in every commercial region.
  return round(COMPUTE_STORAGE_PRICES.aws.publicIpv4.perHour * HOURS_PER_MONTH, 2);
}

/** Fargate capacity of one task per month, from its task-level CPU units and memory MiB. */
export function fargateTaskMonthlyPrice(
  region: string,
  task: { cpuUnits: number; memoryMiB: number },
): number | null {
  const multiplier = regionMultiplier('aws', region);
  if (multiplier === null) return null;
  const { perVcpuHour, perGbHour } = COMPUTE_STORAGE_PRICES.aws.fargate;
  const hourly = (task.cpuUnits / 1024) * perVcpuHour + (task.memoryMiB / 1024) * perGbHour;
  return round(hourly * HOURS_PER_MONTH * multiplier, 2);
}

/** An Azure managed disk per month: the smallest tier of its SKU that holds its size. */
export function azureDiskMonthlyPrice(
  region: string,
  disk: { sku: string; sizeGiB: number },
): number | null {
  const multiplier = regionMultiplier('azure', region);
  if (multiplier === null) return null;
  const tiers = COMPUTE_STORAGE_PRICES.azure.managedDisks.tiers;
  const sku = disk.sku.toLowerCase();
  const ladder = sku.startsWith('premium')
    ? tiers.Premium
    : sku.startsWith('standardssd')
      ? tiers.StandardSSD
      : sku.startsWith('standard')
        ? tiers.Standard
        : null;
  if (!ladder) return null;
  const tier = ladder.find(([size]) => size >= disk.sizeGiB) ?? ladder[ladder.length - 1]!;
  // Beyond the largest tier listed, price by size pro rata rather than guess a tier.
  const [tierSize, tierPrice] = tier;
  const price = disk.sizeGiB > tierSize ? (tierPrice * disk.sizeGiB) / tierSize : tierPrice;
  return round(price * multiplier, 2);
}

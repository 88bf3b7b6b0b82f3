import { z } from 'zod';
import table from '../../data/prices/storage-prices.json' with { type: 'json' };

const PRICE_FIELDS = [
  'storagePerGbMonth',
  'minStorageDays',
  'minAgeDays',
  'minBillableBytes',
  'retrievalPerGb',
  'transitionPer1000',
] as const;

const classPriceSchema = z
  .object({
    /** USD per GB-month (GiB, as the providers bill). */
    storagePerGbMonth: z.number().min(0),
    /** Billed for at least this long once moved in (early deletion charge). */
    minStorageDays: z.number().int().min(0),
    /** Youngest age at which the provider's lifecycle rules may move an object here. */
    minAgeDays: z.number().int().min(0),
    /** Smaller objects are billed as this size (S3 IA and Glacier IR: 128 KiB). */
    minBillableBytes: z.number().int().min(0),
    retrievalPerGb: z.number().min(0),
    /** One lifecycle transition (or class change) request into this class, per 1000. */
    transitionPer1000: z.number().min(0),
    /**
     * False: priced for objects already in it, never advised as a destination (S3 One Zone-IA
     * keeps a single copy in one zone, a durability loss a price table cannot weigh).
     */
    tieringTarget: z.boolean().default(true),
    /** Whether every figure matches a source the provider lists; false names the ones not. */
    confirmed: z.boolean(),
    unconfirmed: z.array(z.enum(PRICE_FIELDS)).default([]),
  })
  .refine((price) => price.confirmed === (price.unconfirmed.length === 0), {
    message: 'confirmed must be false exactly when some figure is named unconfirmed',
  });
export type ClassPrice = z.infer<typeof classPriceSchema>;

const sourceSchema = z.object({
  url: z.url(),
  /** The date the page states (YYYY-MM-DD or YYYY-MM), or `undated` where it states none. */
  date: z.union([z.iso.date(), z.string().regex(/^\d{4}-\d{2}$/), z.literal('undated')]),
  /** Which figures the page gave. */
  covers: z.string().min(1),
});

const providerPricesSchema = z.object({
  region: z.string(),
  /** The provider's own pricing page. */
  source: z.url(),
  /** The pages the figures were checked against; at least one. */
  sources: z.array(sourceSchema).min(1),
  /** The class an object has when the listing names none. */
  defaultClass: z.string(),
  classes: z.record(z.string(), classPriceSchema),
});
export type ProviderPrices = z.infer<typeof providerPricesSchema>;

export const storagePriceTableSchema = z.object({
  description: z.string(),
  /** What was and was not confirmed, and what the table leaves out. */
  note: z.string(),
  currency: z.string().length(3),
  providers: z.object({
    aws: providerPricesSchema,
    gcp: providerPricesSchema,
    azure: providerPricesSchema,
  }),
});
export type StoragePriceTable = z.infer<typeof storagePriceTableSchema>;

/** The bundled list prices, checked once at load: a malformed table fails loudly, not later. */
export const STORAGE_PRICES: StoragePriceTable = storagePriceTableSchema.parse(table);

import { z } from 'zod';
import table from '../../data/prices/storage-prices.json' with { type: 'json' };

const classPriceSchema = z.object({
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
});
export type ClassPrice = z.infer<typeof classPriceSchema>;

const providerPricesSchema = z.object({
  region: z.string(),
  source: z.url(),
  /** The class an object has when the listing names none. */
  defaultClass: z.string(),
  classes: z.record(z.string(), classPriceSchema),
});
export type ProviderPrices = z.infer<typeof providerPricesSchema>;

export const storagePriceTableSchema = z.object({
  description: z.string(),
  retrievedOn: z.iso.date(),
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

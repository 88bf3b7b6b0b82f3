import { z } from 'zod';

/** Every provider the product knows. Adding one is a deliberate change to the model. */
export const PROVIDERS = ['aws', 'gcp', 'azure', 'auth0', 'entra'] as const;
export type ProviderId = (typeof PROVIDERS)[number];
export const providerIdSchema = z.enum(PROVIDERS);

/** The five coordinates that identify a resource anywhere in the estate. */
export interface ResourceRef {
  provider: ProviderId;
  /** Account, project, subscription or tenant id. */
  account: string;
  /** Cloud region, or `global` for resources that have none. */
  region: string;
  /** Resource type in `service.kind` form, e.g. `ec2.instance`. */
  type: string;
  /** The provider's own id (instance id, bucket name, user id…). */
  id: string;
}

/**
 * A resource as the inventory sees it. `attributes` holds the provider-specific detail as
 * plain JSON; the common fields are lifted out so the store can filter and sort on them.
 */
export interface Resource extends ResourceRef {
  uid: string;
  name: string | null;
  state: string | null;
  tags: Record<string, string>;
  /** ISO-8601 creation (launch) time, when the provider reports one. */
  createdAt: string | null;
  attributes: Record<string, unknown>;
}

export type ResourceInput = Omit<Resource, 'uid'>;

/** Fields an inventory can be sorted by: the store indexes them, the API and the web offer them. */
export const RESOURCE_SORT_FIELDS = [
  'name',
  'id',
  'type',
  'provider',
  'account',
  'region',
  'state',
  'createdAt',
  'updatedAt',
] as const;
export type ResourceSortField = (typeof RESOURCE_SORT_FIELDS)[number];

/** Fields an inventory can be faceted (counted and filtered) by. */
export const RESOURCE_FACET_FIELDS = ['provider', 'account', 'region', 'type', 'state'] as const;
export type ResourceFacetField = (typeof RESOURCE_FACET_FIELDS)[number];

const SEGMENT_SEPARATOR = '/';

/**
 * The stable uid `provider/account/region/type/id`. Each segment is percent-encoded so that a
 * `/` inside an id (object keys, ARNs) cannot shift the segments; the uid is therefore safe to
 * split, and it never changes while the five coordinates stay the same.
 */
export function resourceUid(ref: ResourceRef): string {
  return [ref.provider, ref.account, ref.region, ref.type, ref.id]
    .map((segment) => encodeURIComponent(segment))
    .join(SEGMENT_SEPARATOR);
}

export function parseResourceUid(uid: string): ResourceRef | null {
  const parts = uid.split(SEGMENT_SEPARATOR);
  if (parts.length !== 5) return null;
  let decoded: string[];
  try {
    decoded = parts.map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
  const [provider, account, region, type, id] = decoded as [string, string, string, string, string];
  const parsedProvider = providerIdSchema.safeParse(provider);
  if (!parsedProvider.success || !account || !region || !type || !id) return null;
  return { provider: parsedProvider.data, account, region, type, id };
}

export function makeResource(input: ResourceInput): Resource {
  return { ...input, uid: resourceUid(input) };
}

export const resourceSchema = z.object({
  uid: z.string(),
  provider: providerIdSchema,
  account: z.string().min(1),
  region: z.string().min(1),
  type: z.string().min(1),
  id: z.string().min(1),
  name: z.string().nullable(),
  state: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  createdAt: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
});

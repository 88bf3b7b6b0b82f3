import { COMPUTE_PRICES, type CatalogProvider } from '@ccx/insights';

interface Capacity {
  vcpu: number;
  memoryGiB: number;
}

/**
 * vCPU and memory of every size the catalog knows, per provider, keyed by the lower-cased
 * name (Azure size names are case-insensitive; AWS types are lower case). A size is the same
 * machine in every region, so this ignores regions, unlike the priced catalog.
 */
const CAPACITY: ReadonlyMap<string, ReadonlyMap<string, Capacity>> = new Map(
  (Object.keys(COMPUTE_PRICES.providers) as CatalogProvider[]).map((provider) => {
    const sizes = new Map<string, Capacity>();
    for (const family of Object.values(COMPUTE_PRICES.providers[provider].families))
      for (const [name, [vcpu, memoryGiB]] of Object.entries(family.sizes))
        sizes.set(name.toLowerCase(), { vcpu, memoryGiB });
    return [provider, sizes];
  }),
);

/** What a row sorts by when the list is sorted by size. */
export type SizeKey =
  | { rank: 0; vcpu: number; memoryGiB: number; size: string }
  | { rank: 1; size: string }
  | { rank: 2 };

/** The key of a row of `provider` whose size attribute reads `size` (null when it has none). */
export function sizeKey(provider: string, size: string | null): SizeKey {
  if (size === null) return { rank: 2 };
  const capacity = CAPACITY.get(provider)?.get(size.toLowerCase());
  return capacity ? { rank: 0, ...capacity, size } : { rank: 1, size };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Known sizes by vCPU, then memory, then name, in `direction` (1 ascending, -1 descending).
 * Sizes the catalog does not know come after them by name, and rows without a size (services)
 * last, both in the same order whichever the direction, so only the measured part flips.
 * Equal keys compare as 0: the caller's stable sort keeps its earlier order among them.
 */
export function compareSizeKeys(a: SizeKey, b: SizeKey, direction: 1 | -1): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.rank === 0 && b.rank === 0)
    return (a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB || byText(a.size, b.size)) * direction;
  if (a.rank === 1 && b.rank === 1) return byText(a.size, b.size);
  return 0;
}

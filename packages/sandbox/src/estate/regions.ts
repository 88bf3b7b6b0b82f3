/**
 * Regions DescribeRegions lists. The seeded estate lives in a subset of them; a request signed
 * for a region outside this list is refused as AWS refuses a disabled region.
 */
export const KNOWN_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
] as const;

/**
 * Opt-in regions the sandbox accounts have not enabled: DescribeRegions lists them only with
 * `AllRegions`, as `not-opted-in`, and a request signed for one is refused like any region
 * outside KNOWN_REGIONS. They exist so `regions: all` is seen to skip disabled regions.
 */
export const NOT_OPTED_IN_REGIONS = ['af-south-1', 'ap-east-1', 'me-south-1'] as const;

export const DEFAULT_ESTATE_REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-2',
] as const;

export function isKnownRegion(region: string): boolean {
  return (KNOWN_REGIONS as readonly string[]).includes(region);
}

/** Internal DNS suffix: us-east-1 is `ec2.internal`, every other region `<region>.compute.internal`. */
export function privateDnsSuffix(region: string): string {
  return region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
}

export function publicDnsSuffix(region: string): string {
  return region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`;
}

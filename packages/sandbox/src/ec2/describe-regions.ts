import { invalidParameterValue } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import { KNOWN_REGIONS, NOT_OPTED_IN_REGIONS } from '../estate/regions';
import { el } from '../xml';
import { ec2Response } from './ec2-xml';
import { matchesAny } from './filters';

interface RegionInfo {
  regionName: string;
  endpoint: string;
  optInStatus: 'opt-in-not-required' | 'not-opted-in';
}

const REGIONS: readonly RegionInfo[] = [
  ...KNOWN_REGIONS.map((name) => ({
    regionName: name,
    endpoint: `ec2.${name}.amazonaws.com`,
    optInStatus: 'opt-in-not-required' as const,
  })),
  ...NOT_OPTED_IN_REGIONS.map((name) => ({
    regionName: name,
    endpoint: `ec2.${name}.amazonaws.com`,
    optInStatus: 'not-opted-in' as const,
  })),
];

const REGION_FILTERS: Readonly<Record<string, (region: RegionInfo) => string>> = {
  'region-name': (region) => region.regionName,
  endpoint: (region) => region.endpoint,
  'opt-in-status': (region) => region.optInStatus,
};

/**
 * DescribeRegions. Without `AllRegions` only the regions enabled for the account are listed;
 * `RegionName.N` names regions whether enabled or not (an unknown name is
 * InvalidParameterValue); filters (`region-name`, `endpoint`, `opt-in-status`) AND with the
 * names and with each other, their values OR. Endpoint hostnames stay AWS's: clients use the
 * configured endpoint, never these.
 */
export function describeRegions(ctx: OperationContext): string {
  const names = ctx.params.list('RegionName');
  const unknown = names.find((name) => !REGIONS.some((region) => region.regionName === name));
  if (unknown !== undefined) throw invalidParameterValue(`Invalid region: ${unknown}`);
  const filters = ctx.params.indexes('Filter').map((index) => {
    const name = ctx.params.get(`Filter.${index}.Name`) ?? 'null';
    const extract = REGION_FILTERS[name];
    if (!extract) throw invalidParameterValue(`The filter '${name}' is invalid`);
    const values = ctx.params.list(`Filter.${index}.Value`);
    return (region: RegionInfo) => matchesAny(values, extract(region));
  });
  const all = ctx.params.boolean('AllRegions') || names.length > 0;
  let items = '';
  for (const region of REGIONS) {
    if (!all && region.optInStatus === 'not-opted-in') continue;
    if (names.length > 0 && !names.includes(region.regionName)) continue;
    if (!filters.every((matches) => matches(region))) continue;
    items += `<item>${el('regionName', region.regionName)}${el('regionEndpoint', region.endpoint)}${el('optInStatus', region.optInStatus)}</item>`;
  }
  return ec2Response('DescribeRegions', `<regionInfo>${items}</regionInfo>`, ctx.requestId);
}

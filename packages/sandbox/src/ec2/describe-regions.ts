import type { OperationContext } from '../aws/service';
import { KNOWN_REGIONS } from '../estate/regions';
import { el } from '../xml';
import { ec2Response } from './ec2-xml';

/**
 * DescribeRegions: every region the sandbox knows, enabled, with the sandbox's own endpoint
 * hostnames left as AWS's (clients use the configured endpoint, never these).
 * `RegionName.N` narrows the list; `region-name` is the one filter served.
 */
export function describeRegions(ctx: OperationContext): string {
  const names = new Set(ctx.params.list('RegionName'));
  for (const index of ctx.params.indexes('Filter')) {
    if (ctx.params.get(`Filter.${index}.Name`) === 'region-name') {
      for (const value of ctx.params.list(`Filter.${index}.Value`)) names.add(value);
    }
  }
  let items = '';
  for (const region of KNOWN_REGIONS) {
    if (names.size > 0 && !names.has(region)) continue;
    items += `<item>${el('regionName', region)}${el('regionEndpoint', `ec2.${region}.amazonaws.com`)}${el('optInStatus', 'opt-in-not-required')}</item>`;
  }
  return ec2Response('DescribeRegions', `<regionInfo>${items}</regionInfo>`, ctx.requestId);
}

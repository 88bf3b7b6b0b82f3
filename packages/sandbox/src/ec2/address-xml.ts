import type { AddressRecord } from '../estate/address';
import { el } from '../xml';
import { tagSetXml } from './tag-xml';

/** One `<item>` of a DescribeAddresses `addressesSet`. */
export function addressXml(a: AddressRecord): string {
  const association = a.association
    ? el('instanceId', a.association.instanceId) +
      el('associationId', a.association.associationId) +
      el('networkInterfaceId', a.association.networkInterfaceId) +
      el('networkInterfaceOwnerId', a.accountId) +
      el('privateIpAddress', a.association.privateIpAddress)
    : '';
  return (
    '<item>' +
    el('publicIp', a.publicIp) +
    el('allocationId', a.allocationId) +
    '<domain>vpc</domain>' +
    association +
    tagSetXml(a.tags) +
    '<publicIpv4Pool>amazon</publicIpv4Pool>' +
    el('networkBorderGroup', a.region) +
    '</item>'
  );
}

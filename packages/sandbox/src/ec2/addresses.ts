import { randomBytes } from 'node:crypto';
import { AwsError, invalidParameterValue, missingParameter } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import type { AddressRecord } from '../estate/address';
import type { Estate } from '../estate/estate';
import { resolveState } from '../estate/instance';
import { el } from '../xml';
import { addressXml } from './address-xml';
import { ec2Response } from './ec2-xml';
import { compileFilterSet, type FilterFields } from './filters';
import { resolveInstanceIds } from './instance-ids';
import { dryRun } from './state-changes';

/** Elastic IPs per account and region; AWS's default quota is 5, raised in most real estates. */
const ADDRESS_LIMIT = 100;

const ADDRESS_FILTERS: FilterFields<AddressRecord> = {
  fields: {
    'allocation-id': (a) => [a.allocationId],
    'association-id': (a) => [a.association?.associationId ?? null],
    domain: () => ['vpc'],
    'instance-id': (a) => [a.association?.instanceId ?? null],
    'network-interface-id': (a) => [a.association?.networkInterfaceId ?? null],
    'network-interface-owner-id': (a) => [a.association ? a.accountId : null],
    'private-ip-address': (a) => [a.association?.privateIpAddress ?? null],
    'public-ip': (a) => [a.publicIp],
    'network-border-group': (a) => [a.region],
    'tag-key': (a) => a.tags.map((tag) => tag.key),
  },
  tags: (a) => a.tags,
};

const hexId = (prefix: string) => `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;

function scopeAddresses(estate: Estate, ctx: OperationContext): readonly AddressRecord[] {
  return estate.addresses(ctx.principal.accountId, ctx.region);
}

function byAllocationId(estate: Estate, ctx: OperationContext, id: string): AddressRecord {
  const found = scopeAddresses(estate, ctx).find((a) => a.allocationId === id);
  if (!found)
    throw new AwsError(
      'InvalidAllocationID.NotFound',
      `The allocation ID '${id}' does not exist`,
      400,
    );
  return found;
}

/**
 * DescribeAddresses: every address of the scope in one answer (EC2 does not page them),
 * narrowed by `PublicIp.N`, `AllocationId.N` (each must exist) and filters.
 */
export function describeAddresses(estate: Estate, ctx: OperationContext): string {
  const ips = ctx.params.list('PublicIp');
  const allocations = ctx.params.list('AllocationId');
  const all = scopeAddresses(estate, ctx);
  for (const ip of ips)
    if (!all.some((a) => a.publicIp === ip))
      throw new AwsError('InvalidAddress.NotFound', `Address '${ip}' not found.`, 400);
  for (const id of allocations) byAllocationId(estate, ctx, id);
  const predicate = compileFilterSet(ctx.params, ADDRESS_FILTERS);
  let items = '';
  for (const address of all) {
    if (ips.length > 0 && !ips.includes(address.publicIp)) continue;
    if (allocations.length > 0 && !allocations.includes(address.allocationId)) continue;
    if (predicate(address)) items += addressXml(address);
  }
  return ec2Response('DescribeAddresses', `<addressesSet>${items}</addressesSet>`, ctx.requestId);
}

/** AllocateAddress (VPC domain): a fresh public IP from Amazon's pool. */
export function allocateAddress(estate: Estate, ctx: OperationContext): string {
  const domain = ctx.params.get('Domain');
  if (domain !== undefined && domain !== 'vpc' && domain !== 'standard')
    throw invalidParameterValue(`Invalid value '${domain}' for domain.`);
  const all = scopeAddresses(estate, ctx);
  if (all.length >= ADDRESS_LIMIT)
    throw new AwsError(
      'AddressLimitExceeded',
      'The maximum number of addresses has been reached.',
      400,
    );
  if (ctx.params.boolean('DryRun')) throw dryRun();
  let publicIp = '';
  do {
    const [b, c, d] = randomBytes(3);
    publicIp = `44.${b}.${c}.${Math.max(1, Math.min(254, d ?? 1))}`;
  } while (all.some((a) => a.publicIp === publicIp));
  const address: AddressRecord = {
    allocationId: hexId('eipalloc'),
    publicIp,
    accountId: ctx.principal.accountId,
    region: ctx.region,
    association: null,
    tags: [],
  };
  estate.addAddress(address);
  return ec2Response(
    'AllocateAddress',
    el('publicIp', publicIp) +
      '<domain>vpc</domain>' +
      el('allocationId', address.allocationId) +
      '<publicIpv4Pool>amazon</publicIpv4Pool>' +
      el('networkBorderGroup', ctx.region),
    ctx.requestId,
  );
}

/**
 * AssociateAddress: `AllocationId` with `InstanceId` or `NetworkInterfaceId` (an instance's
 * primary interface). An address already associated elsewhere moves only with
 * `AllowReassociation`; the instance must not be terminating.
 */
export function associateAddress(
  estate: Estate,
  ctx: OperationContext,
  transitionMs: number,
): string {
  const { params } = ctx;
  const allocationId = params.get('AllocationId');
  if (!allocationId) throw missingParameter('AllocationId');
  const instanceId = params.get('InstanceId');
  const interfaceId = params.get('NetworkInterfaceId');
  if (!instanceId && !interfaceId)
    throw new AwsError(
      'MissingParameter',
      'Either an instance ID or a network interface ID must be specified.',
      400,
    );
  const address = byAllocationId(estate, ctx, allocationId);
  const instance = instanceId
    ? resolveInstanceIds(estate, ctx.principal.accountId, ctx.region, [instanceId])[0]!
    : estate
        .instances(ctx.principal.accountId, ctx.region)
        .find((i) => i.networkInterfaceId === interfaceId);
  if (!instance)
    throw new AwsError(
      'InvalidNetworkInterfaceID.NotFound',
      `The networkInterface ID '${interfaceId}' does not exist`,
      400,
    );
  if (interfaceId && instance.networkInterfaceId !== interfaceId)
    throw invalidParameterValue(
      `The network interface '${interfaceId}' is not attached to instance '${instance.id}'.`,
    );
  const state = resolveState(instance, ctx.now, transitionMs);
  if (state === 'shutting-down' || state === 'terminated')
    throw new AwsError(
      'IncorrectInstanceState',
      `The instance '${instance.id}' is not in a valid state for this operation.`,
      400,
    );
  const current = address.association;
  if (current && current.instanceId !== instance.id && !params.boolean('AllowReassociation'))
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `resource ${address.allocationId} is already associated with associate-id ${current.associationId}`,
      400,
    );
  if (params.boolean('DryRun')) throw dryRun();
  const associationId = hexId('eipassoc');
  estate.associate(address, instance, associationId);
  return ec2Response(
    'AssociateAddress',
    `<return>true</return>${el('associationId', associationId)}`,
    ctx.requestId,
  );
}

/** DisassociateAddress by `AssociationId` (or the address's `PublicIp`). */
export function disassociateAddress(estate: Estate, ctx: OperationContext): string {
  const associationId = ctx.params.get('AssociationId');
  const publicIp = ctx.params.get('PublicIp');
  if (!associationId && !publicIp) throw missingParameter('AssociationId');
  const address = scopeAddresses(estate, ctx).find((a) =>
    associationId ? a.association?.associationId === associationId : a.publicIp === publicIp,
  );
  if (!address)
    throw associationId
      ? new AwsError(
          'InvalidAssociationID.NotFound',
          `The association ID '${associationId}' does not exist`,
          400,
        )
      : new AwsError('InvalidAddress.NotFound', `Address '${publicIp}' not found.`, 400);
  if (ctx.params.boolean('DryRun')) throw dryRun();
  estate.disassociate(address);
  return ec2Response('DisassociateAddress', '<return>true</return>', ctx.requestId);
}

/** ReleaseAddress: only an unassociated address can go back to the pool. */
export function releaseAddress(estate: Estate, ctx: OperationContext): string {
  const allocationId = ctx.params.get('AllocationId');
  if (!allocationId) throw missingParameter('AllocationId');
  const address = byAllocationId(estate, ctx, allocationId);
  if (address.association)
    throw new AwsError(
      'InvalidIPAddress.InUse',
      `The address with allocation id [${allocationId}] is in use.`,
      400,
    );
  if (ctx.params.boolean('DryRun')) throw dryRun();
  estate.removeAddress(address);
  return ec2Response('ReleaseAddress', '<return>true</return>', ctx.requestId);
}

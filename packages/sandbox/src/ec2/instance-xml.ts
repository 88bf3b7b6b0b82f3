import {
  INSTANCE_STATE_CODES,
  shownPublicIp,
  type BlockDeviceRecord,
  type InstanceRecord,
  type InstanceStateName,
} from '../estate/instance';
import { privateDnsSuffix, publicDnsSuffix } from '../estate/regions';
import { el, escapeXml } from '../xml';

export function stateXml(tag: string, state: InstanceStateName): string {
  return `<${tag}><code>${INSTANCE_STATE_CODES[state]}</code><name>${state}</name></${tag}>`;
}

/**
 * Flattens a concatenated string in place. V8 keeps `a + b` as a rope of small pieces; a cached
 * rope of a few hundred pieces per instance is what the garbage collector then walks on every
 * cycle, which made the first render of a page cost ten times the later ones. `s | 0` forces
 * the one flat copy (the technique of the `flatstr` package).
 */
function flat(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions
  (text as unknown as number) | 0;
  return text;
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');
}

function privateDnsName(instance: InstanceRecord): string {
  return `ip-${instance.privateIpAddress.replace(/\./g, '-')}.${privateDnsSuffix(instance.region)}`;
}

function blockDeviceXml(device: BlockDeviceRecord): string {
  return (
    `<item>${el('deviceName', device.deviceName)}<ebs>${el('volumeId', device.volumeId)}<status>attached</status>` +
    `${el('attachTime', isoSeconds(device.attachTime))}${el('deleteOnTermination', device.deleteOnTermination)}</ebs></item>`
  );
}

/**
 * The fields that change rarely, rendered once and reused (the hot path of a 1000-instance
 * page), split around `launchTime`, which changes when a stopped instance is started; a type
 * change clears the cache. Volume attach times stay at the first launch, as on AWS.
 */
function staticXml(i: InstanceRecord): [string, string] {
  const attached = isoSeconds(i.launchTime);
  const groupSet = `<groupSet><item>${el('groupId', i.securityGroup.id)}${el('groupName', i.securityGroup.name)}</item></groupSet>`;
  return [
    el('instanceId', i.id) +
      el('imageId', i.imageId) +
      el('privateDnsName', privateDnsName(i)) +
      el('keyName', i.keyName) +
      el('amiLaunchIndex', i.amiLaunchIndex) +
      '<productCodes/>' +
      el('instanceType', i.instanceType),
    `<placement>${el('availabilityZoneId', i.availabilityZoneId)}<groupName/>${el('tenancy', 'default')}${el('availabilityZone', i.availabilityZone)}</placement>` +
      (i.platform ? el('platform', i.platform) : '') +
      '<monitoring><state>disabled</state></monitoring>' +
      el('subnetId', i.subnetId) +
      el('vpcId', i.vpcId) +
      el('privateIpAddress', i.privateIpAddress) +
      '<sourceDestCheck>true</sourceDestCheck>' +
      groupSet +
      el('architecture', i.architecture) +
      '<rootDeviceType>ebs</rootDeviceType>' +
      el('rootDeviceName', i.rootDeviceName) +
      `<blockDeviceMapping>${i.blockDevices.map(blockDeviceXml).join('')}</blockDeviceMapping>` +
      (i.instanceLifecycle ? el('instanceLifecycle', i.instanceLifecycle) : '') +
      '<virtualizationType>hvm</virtualizationType>' +
      '<hypervisor>xen</hypervisor>' +
      `<networkInterfaceSet><item>${el('networkInterfaceId', i.networkInterfaceId)}${el('subnetId', i.subnetId)}${el('vpcId', i.vpcId)}` +
      `<description/>${el('ownerId', i.accountId)}<status>in-use</status>${el('macAddress', i.macAddress)}${el('privateIpAddress', i.privateIpAddress)}` +
      `${el('privateDnsName', privateDnsName(i))}<sourceDestCheck>true</sourceDestCheck>${groupSet}` +
      `<attachment>${el('attachmentId', `eni-attach-${i.networkInterfaceId.slice(4)}`)}<deviceIndex>0</deviceIndex><status>attached</status>` +
      `${el('attachTime', attached)}<deleteOnTermination>true</deleteOnTermination><networkCardIndex>0</networkCardIndex></attachment>` +
      `<privateIpAddressesSet><item>${el('privateIpAddress', i.privateIpAddress)}${el('privateDnsName', privateDnsName(i))}<primary>true</primary></item></privateIpAddressesSet>` +
      `<ipv6AddressesSet/><interfaceType>interface</interfaceType></item></networkInterfaceSet>` +
      el('ebsOptimized', i.ebsOptimized) +
      '<enaSupport>true</enaSupport>' +
      `<cpuOptions>${el('coreCount', i.coreCount)}${el('threadsPerCore', i.threadsPerCore)}</cpuOptions>` +
      '<metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit>' +
      '<httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled</instanceMetadataTags></metadataOptions>' +
      el('platformDetails', i.platformDetails) +
      el('usageOperation', i.usageOperation) +
      '<bootMode>uefi-preferred</bootMode>' +
      el('currentInstanceBootMode', i.architecture === 'arm64' ? 'uefi' : 'legacy-bios'),
  ];
}

/**
 * One `<item>` of an `instancesSet`. `state` is passed in already resolved, so the caller
 * decides the clock once per request.
 */
export function instanceXml(i: InstanceRecord, state: InstanceStateName): string {
  i.staticXml ??= staticXml(i).map(flat) as [string, string];
  const launch = isoSeconds(i.launchTime);
  const publicIp = shownPublicIp(i, state);
  let tags = '';
  if (i.tags.length > 0) {
    tags = '<tagSet>';
    for (const tag of i.tags)
      tags += `<item><key>${escapeXml(tag.key)}</key><value>${escapeXml(tag.value)}</value></item>`;
    tags += '</tagSet>';
  }
  const publicDns = publicIp
    ? `ec2-${publicIp.replace(/\./g, '-')}.${publicDnsSuffix(i.region)}`
    : '';
  return (
    '<item>' +
    i.staticXml[0] +
    `<launchTime>${launch}</launchTime>` +
    i.staticXml[1] +
    stateXml('instanceState', state) +
    (publicDns ? `<dnsName>${publicDns}</dnsName>` : '<dnsName/>') +
    el('ipAddress', publicIp) +
    (i.stateTransitionReason ? el('reason', i.stateTransitionReason) : '<reason/>') +
    (i.stateReason
      ? `<stateReason>${el('code', i.stateReason.code)}${el('message', i.stateReason.message)}</stateReason>`
      : '') +
    tags +
    '</item>'
  );
}

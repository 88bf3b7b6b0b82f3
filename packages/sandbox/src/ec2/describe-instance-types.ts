import { AwsError } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import { INSTANCE_TYPE_CATALOG, type InstanceTypeInfo } from '../estate/instance-types';
import { el } from '../xml';
import { ec2Response } from './ec2-xml';
import { compileFilterSet, type FilterFields } from './filters';
import { decodePageToken, encodePageToken, queryFingerprint } from './page-token';

const MIN_PAGE = 5;
const MAX_PAGE = 100;

const TYPE_FILTERS: FilterFields<InstanceTypeInfo> = {
  fields: {
    'instance-type': (t) => [t.type],
    'processor-info.supported-architecture': (t) => [t.architecture],
    'vcpu-info.default-vcpus': (t) => [String(t.vcpus)],
    'memory-info.size-in-mib': (t) => [String(t.memoryMiB)],
    'burstable-performance-supported': (t) => [String(t.burstable)],
    'current-generation': () => ['true'],
  },
  tags: () => [],
};

function typeXml(t: InstanceTypeInfo): string {
  return (
    '<item>' +
    el('instanceType', t.type) +
    '<currentGeneration>true</currentGeneration>' +
    `<processorInfo><supportedArchitectures><item>${t.architecture}</item></supportedArchitectures></processorInfo>` +
    `<vCpuInfo>${el('defaultVCpus', t.vcpus)}${el('defaultCores', t.coreCount)}${el('defaultThreadsPerCore', t.threadsPerCore)}</vCpuInfo>` +
    `<memoryInfo>${el('sizeInMiB', t.memoryMiB)}</memoryInfo>` +
    el('burstablePerformanceSupported', t.burstable) +
    '</item>'
  );
}

/**
 * DescribeInstanceTypes over the sandbox catalog: `InstanceType.N` (an unknown one is
 * InvalidInstanceType, listing every unknown name), filters, and paging (MaxResults 5–100).
 */
export function describeInstanceTypes(ctx: OperationContext): string {
  const { params } = ctx;
  const names = params.list('InstanceType');
  const unknown = names.filter((name) => !INSTANCE_TYPE_CATALOG.has(name));
  if (unknown.length > 0)
    throw new AwsError(
      'InvalidInstanceType',
      `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
      400,
    );
  const maxResults = params.integer('MaxResults');
  if (maxResults !== undefined && (maxResults < MIN_PAGE || maxResults > MAX_PAGE))
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${MIN_PAGE} and ${MAX_PAGE}.`,
      400,
    );
  const predicate = compileFilterSet(params, TYPE_FILTERS);
  const candidates =
    names.length > 0
      ? names.map((name) => INSTANCE_TYPE_CATALOG.get(name)!)
      : [...INSTANCE_TYPE_CATALOG.values()];
  const matched = candidates.filter(predicate);
  const fingerprint = queryFingerprint(params.entries());
  const token = params.get('NextToken');
  const offset = token ? decodePageToken(token, fingerprint) : 0;
  const end = Math.min(matched.length, offset + (maxResults ?? MAX_PAGE));
  const items = matched.slice(offset, end).map(typeXml).join('');
  const tokenXml =
    end < matched.length ? `<nextToken>${encodePageToken(end, fingerprint)}</nextToken>` : '';
  return ec2Response(
    'DescribeInstanceTypes',
    `<instanceTypeSet>${items}</instanceTypeSet>${tokenXml}`,
    ctx.requestId,
  );
}

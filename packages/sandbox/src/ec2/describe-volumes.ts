import { AwsError } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import type { Estate } from '../estate/estate';
import { volumeState, type VolumeRecord } from '../estate/volume';
import { ec2Response } from './ec2-xml';
import { compileFilterSet, type FilterFields } from './filters';
import { isoSeconds } from './instance-xml';
import { decodePageToken, encodePageToken, queryFingerprint } from './page-token';
import { volumeXml } from './volume-xml';

const MIN_PAGE = 5;
const MAX_PAGE = 500;
const VOLUME_ID = /^vol-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

const attached = (v: VolumeRecord) => (v.attachment ? [v.attachment] : []);

const VOLUME_FILTERS: FilterFields<VolumeRecord> = {
  fields: {
    'volume-id': (v) => [v.id],
    status: (v) => [volumeState(v)],
    size: (v) => [String(v.sizeGiB)],
    'volume-type': (v) => [v.volumeType],
    'availability-zone': (v) => [v.availabilityZone],
    encrypted: (v) => [String(v.encrypted)],
    'snapshot-id': (v) => [v.snapshotId],
    'create-time': (v) => [isoSeconds(v.createTime)],
    'attachment.instance-id': (v) => attached(v).map((a) => a.instanceId),
    'attachment.device': (v) => attached(v).map((a) => a.device),
    'attachment.status': (v) => attached(v).map(() => 'attached'),
    'attachment.delete-on-termination': (v) =>
      attached(v).map((a) => String(a.deleteOnTermination)),
    'tag-key': (v) => v.tags.map((tag) => tag.key),
    'tag-value': (v) => v.tags.map((tag) => tag.value),
  },
  tags: (v) => v.tags,
};

function resolveVolumeIds(estate: Estate, ctx: OperationContext, ids: string[]): VolumeRecord[] {
  const malformed = ids.find((id) => !VOLUME_ID.test(id));
  if (malformed !== undefined)
    throw new AwsError('InvalidVolumeID.Malformed', `Invalid id: "${malformed}"`, 400);
  const missing = ids.filter((id) => !estate.findVolume(ctx.principal.accountId, ctx.region, id));
  if (missing.length > 0)
    throw new AwsError(
      'InvalidVolume.NotFound',
      `The volume${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' ${missing.length > 1 ? 'do' : 'does'} not exist.`,
      400,
    );
  return ids.map((id) => estate.findVolume(ctx.principal.accountId, ctx.region, id)!);
}

/**
 * DescribeVolumes: `VolumeId.N` (all must exist) or a paged listing (MaxResults 5–500 with
 * NextToken, never together with ids), narrowed by filters. Pages follow the seeded order.
 */
export function describeVolumes(estate: Estate, ctx: OperationContext): string {
  const { params } = ctx;
  const ids = params.list('VolumeId');
  const maxResults = params.integer('MaxResults');
  if (ids.length > 0 && maxResults !== undefined)
    throw new AwsError(
      'InvalidParameterCombination',
      'The parameter volumeSet cannot be used with the parameter maxResults',
      400,
    );
  if (maxResults !== undefined && (maxResults < MIN_PAGE || maxResults > MAX_PAGE))
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${MIN_PAGE} and ${MAX_PAGE}.`,
      400,
    );
  const predicate = compileFilterSet(params, VOLUME_FILTERS);
  const candidates =
    ids.length > 0
      ? resolveVolumeIds(estate, ctx, ids)
      : estate.volumes(ctx.principal.accountId, ctx.region);
  const matched = candidates.filter(predicate);
  const fingerprint = queryFingerprint(params.entries());
  const nextToken = params.get('NextToken');
  const offset = nextToken ? decodePageToken(nextToken, fingerprint) : 0;
  const end =
    maxResults === undefined ? matched.length : Math.min(matched.length, offset + maxResults);
  let items = '';
  for (const volume of matched.slice(offset, end)) items += volumeXml(volume);
  const tokenXml =
    end < matched.length ? `<nextToken>${encodePageToken(end, fingerprint)}</nextToken>` : '';
  return ec2Response(
    'DescribeVolumes',
    `<volumeSet>${items}</volumeSet>${tokenXml}`,
    ctx.requestId,
  );
}

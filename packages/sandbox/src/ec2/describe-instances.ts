import { AwsError } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import type { Estate } from '../estate/estate';
import { resolveState, type InstanceRecord, type InstanceStateName } from '../estate/instance';
import { escapeXml } from '../xml';
import { ec2Response } from './ec2-xml';
import { compileFilters } from './filters';
import { resolveInstanceIds } from './instance-ids';
import { instanceXml } from './instance-xml';
import { decodePageToken, encodePageToken, queryFingerprint } from './page-token';

const MIN_PAGE = 5;
const MAX_PAGE = 1000;

interface Listed {
  instance: InstanceRecord;
  state: InstanceStateName;
}

/** Groups a page of instances back into reservations; instances of a reservation are adjacent. */
function reservationsXml(page: readonly Listed[]): string {
  let out = '<reservationSet>';
  let open: string | null = null;
  for (const { instance, state } of page) {
    if (instance.reservationId !== open) {
      if (open !== null) out += '</instancesSet></item>';
      open = instance.reservationId;
      out += `<item><reservationId>${escapeXml(instance.reservationId)}</reservationId><ownerId>${escapeXml(instance.accountId)}</ownerId><groupSet/><instancesSet>`;
    }
    out += instanceXml(instance, state);
  }
  if (open !== null) out += '</instancesSet></item>';
  return `${out}</reservationSet>`;
}

/**
 * DescribeInstances. Pages over instances (not reservations): a page holds at most MaxResults
 * instances, regrouped into their reservations, so a reservation may span two pages — which is
 * what EC2 does and why clients must merge by reservation id, not assume whole reservations.
 */
export function describeInstances(
  estate: Estate,
  transitionMs: number,
  ctx: OperationContext,
): string {
  const { params } = ctx;
  const ids = params.list('InstanceId');
  const maxResults = params.integer('MaxResults');
  if (ids.length > 0 && maxResults !== undefined) {
    throw new AwsError(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
      400,
    );
  }
  if (maxResults !== undefined && (maxResults < MIN_PAGE || maxResults > MAX_PAGE)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${MIN_PAGE} and ${MAX_PAGE}.`,
      400,
    );
  }
  const predicate = compileFilters(params);
  const candidates =
    ids.length > 0
      ? resolveInstanceIds(estate, ctx.principal.accountId, ctx.region, ids)
      : estate.instances(ctx.principal.accountId, ctx.region);
  const matched: Listed[] = [];
  for (const instance of candidates) {
    const subject = { instance, state: resolveState(instance, ctx.now, transitionMs) };
    if (predicate(subject)) matched.push(subject);
  }
  const fingerprint = queryFingerprint(params.entries());
  const nextToken = params.get('NextToken');
  const offset = nextToken ? decodePageToken(nextToken, fingerprint) : 0;
  const end =
    maxResults === undefined ? matched.length : Math.min(matched.length, offset + maxResults);
  const page = matched.slice(offset, end);
  const tokenXml =
    end < matched.length ? `<nextToken>${encodePageToken(end, fingerprint)}</nextToken>` : '';
  return ec2Response('DescribeInstances', reservationsXml(page) + tokenXml, ctx.requestId);
}

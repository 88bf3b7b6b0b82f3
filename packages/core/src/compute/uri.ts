import {
  parseResourceUid,
  providerIdSchema,
  resourceUid,
  type ResourceRef,
} from '../model/resource';

/**
 * Compute resources are named on the command line and in `ccx compute ls --json` by a URI that
 * reads like the resource's coordinates: `aws://123456789012/us-east-1/ec2.instance/i-0abc`,
 * `azure://<subscription>/westeurope/azure.vm/<percent-encoded ARM id>`. Each segment is
 * percent-encoded, so an id with `/` (ARM ids, `cluster/service`) stays one segment.
 */
export function formatComputeUri(ref: ResourceRef): string {
  const path = [ref.account, ref.region, ref.type, ref.id].map((s) => encodeURIComponent(s));
  return `${ref.provider}://${path.join('/')}`;
}

export class ComputeUriError extends Error {
  override readonly name = 'ComputeUriError';
}

/** Parses a compute URI, or a resource uid (`aws/123…/us-east-1/ec2.instance/i-0abc`). */
export function parseComputeUri(input: string): ResourceRef {
  const match = /^([a-z0-9]+):\/\/(.*)$/.exec(input);
  if (!match) {
    const ref = parseResourceUid(input);
    if (ref) return ref;
    throw new ComputeUriError(
      `expected a compute URI such as aws://<account>/<region>/ec2.instance/<id>: ${input}`,
    );
  }
  const provider = providerIdSchema.safeParse(match[1]);
  if (!provider.success) throw new ComputeUriError(`unknown provider: ${match[1]}`);
  const ref = parseResourceUid([provider.data, match[2]].join('/'));
  if (!ref)
    throw new ComputeUriError(`expected <account>/<region>/<type>/<id> after ${match[1]}://`);
  return ref;
}

/** The uid the store keys the resource by. */
export const computeUriToUid = (input: string): string => resourceUid(parseComputeUri(input));

import type { Bucket } from '../capabilities/storage';
import { makeResource, type Resource } from '../model/resource';
import type { Scope } from '../model/scope';
import { BUCKET_TYPES } from './actions';

/**
 * A bucket as an inventory resource: id and name are the bucket's name, and `attributes` is the
 * capability's `Bucket` itself, so posture checks and the storage browser read one shape
 * whether it came from the store or live from the provider. The region is the scope's, since
 * a scope's complete listing must hold exactly the resources filed under it.
 */
export function bucketResource(
  scope: Pick<Scope, 'account' | 'region'>,
  bucket: Bucket & { provider: keyof typeof BUCKET_TYPES },
): Resource {
  return makeResource({
    provider: bucket.provider,
    account: scope.account,
    region: scope.region,
    type: BUCKET_TYPES[bucket.provider],
    id: bucket.bucket,
    name: bucket.bucket,
    state: null,
    tags: bucket.tags,
    createdAt: bucket.createdAt,
    attributes: { ...bucket },
  });
}

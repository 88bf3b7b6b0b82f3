import { paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { CcxError, type Inventory, type Resource, type Scope } from '@ccx/core';
import type { AccountDirectory } from './account-directory';
import type { ClientPool } from './client-pool';
import { fromAwsError } from './errors';
import { EC2_INSTANCE, mapInstance } from './map-instance';

/** EC2's largest page: fewer round trips, fewer chances to be throttled. */
export const DESCRIBE_INSTANCES_PAGE_SIZE = 1000;

/**
 * EC2 inventory of one scope, page by page through the SDK's own paginator. Each page's
 * request is retried by the client's retry strategy, so throttling mid-listing resumes at the
 * same page; an error that outlasts those retries ends the listing with a CcxError (and the
 * sync engine then leaves the scope's stored rows alone).
 */
export function ec2Inventory(accounts: AccountDirectory, clients: ClientPool): Inventory {
  async function* listInstances(scope: Scope, signal?: AbortSignal): AsyncIterable<Resource> {
    const account = await accounts.byId(scope.account);
    const client = clients.ec2(account, scope.region);
    const pages = paginateDescribeInstances(
      { client, pageSize: DESCRIBE_INSTANCES_PAGE_SIZE },
      {},
      { abortSignal: signal },
    );
    try {
      for await (const page of pages) {
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            if (instance.InstanceId) yield mapInstance(scope.account, scope.region, instance);
          }
        }
      }
    } catch (error) {
      throw fromAwsError(error, `Listing EC2 instances in ${scope.account}/${scope.region}`);
    }
  }

  return {
    types: [EC2_INSTANCE],
    list(scope, type, options) {
      if (type !== EC2_INSTANCE)
        throw new CcxError('invalid_input', `The AWS provider cannot list ${type}`);
      return listInstances(scope, options?.signal);
    },
  };
}

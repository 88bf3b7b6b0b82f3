import { containersOf, type planAction } from '@ccx/api';
import type { ActionInput } from '@ccx/core';
import type { Store } from '@ccx/store';

/** A resource as the action checks take it. */
export type ActionSubject = Parameters<typeof planAction>[0];

/** The resource checked, and what could not be checked, said rather than passed over. */
export interface CheckedSubject {
  subject: ActionSubject;
  unchecked: string[];
}

const LEFT_TO_PROVIDER = 'the provider still refuses a container its task definition lacks';

/**
 * A deploy is checked as the API checks it: against the stored service, whose containers
 * refuse an unknown name and whose images, task CPU and memory refuse a revision that changes
 * nothing. The provider's reading carries none of these, so the stored attributes sit under
 * the live ones (the live state and counts win). Other actions need nothing stored.
 */
export async function withStoredAttributes(
  store: () => Promise<Store>,
  uid: string,
  uri: string,
  live: ActionSubject,
  input: ActionInput,
): Promise<CheckedSubject> {
  if (input.action !== 'compute.deploy') return { subject: live, unchecked: [] };
  const stored = await (await store()).resources.get(uid);
  if (!stored || stored.deletedAt)
    return {
      subject: live,
      unchecked: [
        `${uri}: its container names and whether the revision changes anything were not checked, because the store does not hold this service (run \`ccx sync\`); ${LEFT_TO_PROVIDER}`,
      ],
    };
  const subject = { ...live, attributes: { ...stored.attributes, ...live.attributes } };
  if (containersOf(subject) === null)
    return {
      subject,
      unchecked: [
        `${uri}: its container names were not checked, because the stored service does not list them (sync again); ${LEFT_TO_PROVIDER}`,
      ],
    };
  return { subject, unchecked: [] };
}

import type { planAction } from '@ccx/api';
import type { ActionInput } from '@ccx/core';
import type { Store } from '@ccx/store';

/** A resource as the action checks take it. */
export type ActionSubject = Parameters<typeof planAction>[0];

/**
 * A deploy carries the stored service's attributes under the live ones (the live state and
 * counts win), so the store's container list follows the new images afterwards, as the API's
 * does. They are not checked against: the store holds the revision of the last sync, and the
 * provider judges unknown containers and changes that change nothing from the live revision,
 * before registering anything. Other actions need nothing stored.
 */
export async function withStoredAttributes(
  store: () => Promise<Store>,
  uid: string,
  live: ActionSubject,
  input: ActionInput,
): Promise<ActionSubject> {
  if (input.action !== 'compute.deploy') return live;
  const stored = await (await store()).resources.get(uid);
  if (!stored || stored.deletedAt) return live;
  return { ...live, attributes: { ...stored.attributes, ...live.attributes } };
}

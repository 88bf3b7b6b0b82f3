import { z } from 'zod';

/**
 * Actions a user can take on a resource. Each is a data definition: the role it needs and
 * whether it changes the estate; the API and the CLI read the same table.
 */
export const ACTIONS = {
  'compute.start': { role: 'operator', mutates: true, label: 'Start' },
  'compute.stop': { role: 'operator', mutates: true, label: 'Stop' },
  'compute.reboot': { role: 'operator', mutates: true, label: 'Reboot' },
} as const satisfies Record<string, { role: Role; mutates: boolean; label: string }>;

export type ActionName = keyof typeof ACTIONS;
export const actionNameSchema = z.enum(Object.keys(ACTIONS) as [ActionName, ...ActionName[]]);

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** True when `role` carries at least the rights of `required`. */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export interface ActionRequest {
  action: ActionName;
  resourceUid: string;
}

export interface ActionResult {
  /** The state the provider reports right after the call (e.g. `stopping`). */
  state: string | null;
  /** Provider detail worth keeping in the audit log (request id, previous state…). */
  detail: Record<string, unknown>;
}

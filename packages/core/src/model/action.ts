import { z } from 'zod';

/**
 * Actions a user can take on a resource. Each is a data definition: the role it needs and
 * whether it changes the estate; the API and the CLI read the same table.
 */
export const ACTIONS = {
  'compute.start': { role: 'operator', mutates: true, label: 'Start' },
  'compute.stop': { role: 'operator', mutates: true, label: 'Stop' },
  'compute.reboot': { role: 'operator', mutates: true, label: 'Reboot' },
  'compute.resize': { role: 'operator', mutates: true, label: 'Resize' },
  'compute.scale': { role: 'operator', mutates: true, label: 'Scale' },
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

/** Instance types and VM sizes: `m5.large`, `Standard_D2s_v5`. */
export const sizeNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected an instance type or VM size');

/** An action with its parameters, as the API and the CLI accept it. */
export const actionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('compute.start') }).strict(),
  z.object({ action: z.literal('compute.stop') }).strict(),
  z.object({ action: z.literal('compute.reboot') }).strict(),
  z.object({ action: z.literal('compute.resize'), size: sizeNameSchema }).strict(),
  z
    .object({ action: z.literal('compute.scale'), count: z.number().int().min(0).max(5000) })
    .strict(),
]);
export type ActionInput = z.infer<typeof actionInputSchema>;

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

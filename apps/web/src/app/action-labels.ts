import { ACTIONS, type ActionName } from '@ccx/core';

/** Button labels, from the action table the server enforces. */
export const ACTION_LABELS = Object.fromEntries(
  Object.entries(ACTIONS).map(([name, definition]) => [name, definition.label]),
) as Record<ActionName, string>;

import type { Role } from '@ccx/core';

/**
 * The demo's accounts, one per role, with fixed passwords. Fixed rather than generated on
 * purpose: the demo store (`.ccx/demo/`) only ever holds sandbox data, the demo server binds
 * 127.0.0.1, and a newcomer (or a browser test) can sign in again after a restart without
 * hunting for a password printed once. These passwords are for the sandbox only and are
 * printed with that label; `ccx admin create` is how real accounts are made.
 */
export const DEMO_USERS = [
  { username: 'admin', password: 'sandbox-admin-pass', role: 'admin' },
  { username: 'operator', password: 'sandbox-operator-pass', role: 'operator' },
  { username: 'viewer', password: 'sandbox-viewer-pass', role: 'viewer' },
] as const satisfies readonly { username: string; password: string; role: Role }[];

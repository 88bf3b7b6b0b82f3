import type { Role } from '@ccx/core';
import { conflict, invalidInput } from '@ccx/core';
import type { Store, User } from '@ccx/store';
import { hashPassword } from './password';

export const MIN_PASSWORD_LENGTH = 12;

/** A user as the API shows it: never the password hash. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  sso: boolean;
  createdAt: string;
  disabledAt: string | null;
}

export function publicUser(user: User): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    sso: user.oidcSubject !== null,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
  };
}

export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalidInput(`Password must have at least ${MIN_PASSWORD_LENGTH} characters`, {
      fields: [{ path: 'password', message: 'too short' }],
    });
  }
}

/**
 * Creates a local (password) account. Shared by `POST /api/users` and `ccx admin create`, so
 * both apply the same policy. `password` may be omitted for an account that will sign in by
 * SSO only.
 */
export async function createLocalUser(
  store: Store,
  input: { username: string; password?: string; role: Role; displayName?: string | null },
): Promise<User> {
  if (await store.users.findByUsername(input.username)) {
    throw conflict(`User ${input.username} already exists`);
  }
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    checkPasswordPolicy(input.password);
    passwordHash = await hashPassword(input.password);
  }
  return store.users.create({
    username: input.username,
    role: input.role,
    displayName: input.displayName ?? null,
    passwordHash,
  });
}

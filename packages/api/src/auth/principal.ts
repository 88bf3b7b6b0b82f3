import type { Actor, Role } from '@ccx/core';
import { ROLES } from '@ccx/core';
import type { ApiToken, Session, User } from '@ccx/store';

/** Who is calling: a user through a session cookie, or through one of their API tokens. */
export type Principal =
  | { via: 'session'; user: User; role: Role; session: Session }
  | { via: 'token'; user: User; role: Role; token: ApiToken };

/** The lower of two roles: a token never carries more rights than its owner has now. */
export function minRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

/** Audit actor for a principal. The id is always the user's, so one filter finds both paths. */
export function actorOf(principal: Principal): Actor {
  if (principal.via === 'token') {
    return {
      kind: 'token',
      id: principal.user.id,
      name: `${principal.user.username} (token ${principal.token.prefix})`,
      role: principal.role,
    };
  }
  return {
    kind: 'user',
    id: principal.user.id,
    name: principal.user.username,
    role: principal.role,
  };
}

import { randomUUID } from 'node:crypto';
import type { Role } from '@ccx/core';
import { forbidden, unauthenticated } from '@ccx/core';
import type { ApiToken, Store, User } from '@ccx/store';
import { minRole } from './principal';
import { randomSecret, sha256 } from './secrets';

export const TOKEN_PREFIX = 'ccx_';
/** Characters of the raw token kept in clear (`ccx_` + 6), enough to tell tokens apart. */
const VISIBLE_PREFIX_LENGTH = 10;

/** Creates a token for `owner`; the raw value is returned once and never stored. */
export async function issueApiToken(
  store: Store,
  input: {
    owner: User;
    callerRole: Role;
    name: string;
    role?: Role;
    expiresInDays?: number;
    now: Date;
  },
): Promise<{ token: string; item: ApiToken }> {
  const role = input.role ?? input.callerRole;
  if (minRole(role, input.callerRole) !== role)
    throw forbidden('A token cannot have more rights than its creator');
  const raw = `${TOKEN_PREFIX}${randomSecret(32)}`;
  const expiresAt =
    input.expiresInDays === undefined
      ? null
      : new Date(input.now.getTime() + input.expiresInDays * 86_400_000).toISOString();
  const item = await store.tokens.create({
    id: randomUUID(),
    name: input.name,
    userId: input.owner.id,
    role,
    prefix: raw.slice(0, VISIBLE_PREFIX_LENGTH),
    tokenHash: sha256(raw),
    expiresAt,
  });
  return { token: raw, item };
}

/**
 * Resolves a bearer token to its owner and effective role (the lower of the token's and the
 * owner's current role). Revoked, expired, unknown tokens and disabled owners are all 401.
 */
export async function authenticateToken(
  store: Store,
  raw: string,
  now: Date,
): Promise<{ user: User; token: ApiToken; role: Role }> {
  if (!raw.startsWith(TOKEN_PREFIX)) throw unauthenticated('Invalid API token');
  const token = await store.tokens.findByHash(sha256(raw));
  if (!token || token.revokedAt) throw unauthenticated('Invalid API token');
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime())
    throw unauthenticated('API token expired');
  const user = await store.users.findById(token.userId);
  if (!user || user.disabledAt) throw unauthenticated('Invalid API token');
  await store.tokens.touch(token.id, now.toISOString());
  return { user, token, role: minRole(token.role, user.role) };
}

import type { Role } from '@ccx/core';
import { ROLES, forbidden } from '@ccx/core';
import type { Store, User } from '@ccx/store';
import type { OidcOptions } from '../deps';
import type { OidcClaims } from './oidc';

/** The highest role any value of the role claim maps to, or null when none maps. */
export function roleFromClaims(claims: OidcClaims, options: OidcOptions): Role | null {
  if (!options.roleClaim) return null;
  const raw = claims[options.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === 'string',
  );
  let best: Role | null = null;
  for (const value of values) {
    const role =
      options.roleMap?.[value] ?? (ROLES as readonly string[]).find((r) => r === value) ?? null;
    if (role && (best === null || ROLES.indexOf(role as Role) > ROLES.indexOf(best)))
      best = role as Role;
  }
  return best;
}

function claimString(claims: OidcClaims, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * Finds the user bound to issuer + subject or creates one. The username is the preferred
 * username or email when free, otherwise suffixed with the subject, since a local account of
 * the same name must never be taken over by an SSO login. When a role claim is configured the
 * role follows the IdP on every sign-in.
 */
export async function findOrCreateOidcUser(
  store: Store,
  claims: OidcClaims,
  options: OidcOptions,
): Promise<User> {
  const claimedRole = roleFromClaims(claims, options);
  const existing = await store.users.findByOidc(claims.iss, claims.sub);
  if (existing) {
    if (existing.disabledAt) throw forbidden('This account is disabled');
    if (claimedRole && claimedRole !== existing.role)
      return store.users.update(existing.id, { role: claimedRole });
    return existing;
  }
  const base =
    claimString(claims, 'preferred_username') ?? claimString(claims, 'email') ?? claims.sub;
  const taken = await store.users.findByUsername(base);
  const username = taken ? `${base}#${claims.sub.slice(0, 12)}` : base;
  return store.users.create({
    username,
    role: claimedRole ?? options.defaultRole,
    displayName: claimString(claims, 'name'),
    passwordHash: null,
    oidcIssuer: claims.iss,
    oidcSubject: claims.sub,
  });
}

import type { Store } from '@ccx/store';
import type { Principal } from './principal';

/**
 * Whether the credential a long-lived request (an event stream) was opened with still holds:
 * the session not ended or expired, the token not revoked or expired, the user not disabled.
 * Authentication runs once per request, so without this a stream would outlive a logout.
 */
export async function principalStillValid(
  store: Store,
  principal: Principal,
  now: Date,
): Promise<boolean> {
  const at = now.getTime();
  if (principal.via === 'session') {
    const session = await store.sessions.get(principal.session.idHash);
    if (!session || Date.parse(session.expiresAt) <= at) return false;
  } else {
    const token = await store.tokens.findByHash(principal.token.tokenHash);
    if (!token || token.revokedAt) return false;
    if (token.expiresAt && Date.parse(token.expiresAt) <= at) return false;
  }
  const user = await store.users.findById(principal.user.id);
  return user !== null && !user.disabledAt;
}

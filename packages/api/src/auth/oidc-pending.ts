import { randomSecret } from './secrets';

export interface PendingLogin {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/**
 * Logins between the redirect to the IdP and the callback. Each entry is single use and
 * expires; the map is bounded (oldest dropped first) so unfinished logins cannot grow memory.
 */
export function createPendingLogins(options: {
  ttlMs: number;
  maxEntries: number;
  now: () => Date;
}) {
  const entries = new Map<string, PendingLogin & { expiresAt: number }>();
  return {
    put(login: PendingLogin): string {
      const at = options.now().getTime();
      for (const [id, entry] of entries) {
        if (entry.expiresAt > at && entries.size < options.maxEntries) break;
        entries.delete(id);
      }
      const id = randomSecret(24);
      entries.set(id, { ...login, expiresAt: at + options.ttlMs });
      return id;
    },
    take(id: string): PendingLogin | undefined {
      const entry = entries.get(id);
      entries.delete(id);
      if (!entry || entry.expiresAt <= options.now().getTime()) return undefined;
      return entry;
    },
  };
}

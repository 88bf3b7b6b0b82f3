import { unauthenticated } from '@ccx/core';
import type { Session, Store, User } from '@ccx/store';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomSecret, sha256 } from './secrets';

export const SESSION_COOKIE = 'ccx_session';

/** Sliding expiry is written at most this often, so reads do not turn into a write each. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionServiceOptions {
  store: Store;
  ttlHours: number;
  secureCookies: boolean;
  now: () => Date;
}

/**
 * Cookie sessions. The cookie holds 32 random bytes; the store keeps only their SHA-256, so a
 * leaked database cannot be replayed as sessions. Each session has its own CSRF token.
 */
export function createSessionService(options: SessionServiceOptions) {
  const { store, now } = options;
  const ttlMs = options.ttlHours * 3_600_000;

  function writeCookie(c: Context, value: string): void {
    setCookie(c, SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: options.secureCookies,
      path: '/',
      maxAge: Math.floor(ttlMs / 1000),
    });
  }

  return {
    async start(c: Context, user: User): Promise<Session> {
      const raw = randomSecret(32);
      const session = await store.sessions.create({
        idHash: sha256(raw),
        userId: user.id,
        csrfToken: randomSecret(32),
        expiresAt: new Date(now().getTime() + ttlMs).toISOString(),
      });
      writeCookie(c, raw);
      return session;
    },

    /** The live session and its user, or null when the cookie is absent, unknown or expired. */
    async resolve(c: Context): Promise<{ session: Session; user: User } | null> {
      const raw = getCookie(c, SESSION_COOKIE);
      if (!raw) return null;
      const idHash = sha256(raw);
      const session = await store.sessions.get(idHash);
      const at = now();
      if (!session || Date.parse(session.expiresAt) <= at.getTime()) {
        if (session) await store.sessions.delete(idHash);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return null;
      }
      const user = await store.users.findById(session.userId);
      if (!user || user.disabledAt) {
        await store.sessions.delete(idHash);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        throw unauthenticated('This account is disabled');
      }
      // Judged from expiresAt (our clock) rather than lastSeenAt (the store's clock).
      if (Date.parse(session.expiresAt) - at.getTime() <= ttlMs - TOUCH_INTERVAL_MS) {
        const expiresAt = new Date(at.getTime() + ttlMs).toISOString();
        await store.sessions.touch(idHash, at.toISOString(), expiresAt);
        writeCookie(c, raw);
        return { session: { ...session, lastSeenAt: at.toISOString(), expiresAt }, user };
      }
      return { session, user };
    },

    async end(c: Context, session: Session): Promise<void> {
      await store.sessions.delete(session.idHash);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: options.secureCookies });
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

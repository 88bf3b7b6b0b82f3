import { unauthenticated } from '@ccx/core';
import type { Session, Store, User } from '@ccx/store';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomSecret, sha256 } from './secrets';

export const SESSION_COOKIE = 'ccx_session';

/** Sliding expiry is written at most this often, so reads do not turn into a write each. */
const TOUCH_INTERVAL_MS = 60_000;

/** Default absolute lifetime: a week of daily use still ends in a fresh sign-in. */
export const DEFAULT_SESSION_MAX_HOURS = 7 * 24;

export interface SessionServiceOptions {
  store: Store;
  ttlHours: number;
  /**
   * Absolute lifetime from sign-in, whatever the activity; never shorter than `ttlHours`.
   * Measured from the session's `createdAt`, which the store takes from this process's clock.
   */
  maxHours?: number;
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
  const maxMs = Math.max(ttlMs, (options.maxHours ?? DEFAULT_SESSION_MAX_HOURS) * 3_600_000);

  function writeCookie(c: Context, value: string, lifetimeMs: number): void {
    setCookie(c, SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: options.secureCookies,
      path: '/',
      maxAge: Math.max(0, Math.floor(lifetimeMs / 1000)),
    });
  }

  function clearCookie(c: Context): void {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: options.secureCookies });
  }

  return {
    /**
     * Always a new id, and any session the browser already held is deleted first: a cookie
     * planted before sign-in (session fixation) or an earlier user's session on a shared
     * browser never survives a login.
     */
    async start(c: Context, user: User): Promise<Session> {
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) await store.sessions.delete(sha256(previous));
      const raw = randomSecret(32);
      const session = await store.sessions.create({
        idHash: sha256(raw),
        userId: user.id,
        csrfToken: randomSecret(32),
        expiresAt: new Date(now().getTime() + ttlMs).toISOString(),
      });
      writeCookie(c, raw, ttlMs);
      return session;
    },

    /** The live session and its user, or null when the cookie is absent, unknown or expired. */
    async resolve(c: Context): Promise<{ session: Session; user: User } | null> {
      const raw = getCookie(c, SESSION_COOKIE);
      if (!raw) return null;
      const idHash = sha256(raw);
      const session = await store.sessions.get(idHash);
      const at = now();
      const deadline = session ? Date.parse(session.createdAt) + maxMs : 0;
      if (!session || Date.parse(session.expiresAt) <= at.getTime() || deadline <= at.getTime()) {
        if (session) await store.sessions.delete(idHash);
        clearCookie(c);
        return null;
      }
      const user = await store.users.findById(session.userId);
      if (!user || user.disabledAt) {
        await store.sessions.delete(idHash);
        clearCookie(c);
        throw unauthenticated('This account is disabled');
      }
      // Slides by at most ttl, never past the absolute deadline, and is written only when it
      // moves by more than the touch interval.
      const slid = Math.min(at.getTime() + ttlMs, deadline);
      if (slid - Date.parse(session.expiresAt) >= TOUCH_INTERVAL_MS) {
        const expiresAt = new Date(slid).toISOString();
        await store.sessions.touch(idHash, at.toISOString(), expiresAt);
        writeCookie(c, raw, slid - at.getTime());
        return { session: { ...session, lastSeenAt: at.toISOString(), expiresAt }, user };
      }
      return { session, user };
    },

    async end(c: Context, session: Session): Promise<void> {
      await store.sessions.delete(session.idHash);
      clearCookie(c);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

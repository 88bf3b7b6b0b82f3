import { z } from 'zod';
import type { DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import type { SessionsTable } from '../db/schema';
import type { Session, SessionRepository } from '../types';

const createSchema = z.object({
  idHash: z.string().min(1),
  userId: z.string().min(1),
  csrfToken: z.string().min(1),
  expiresAt: z.string().min(1),
});

function toSession(row: SessionsTable): Session {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

/**
 * Sessions are keyed by the hash of the cookie value. `get` returns a session even when it has
 * expired: the caller compares `expiresAt` with its own clock, and `deleteExpired` sweeps.
 */
export function createSessionRepository({ db }: DbContext): SessionRepository {
  return {
    async create(rawSession) {
      const session = parseInput(createSchema, rawSession, 'session');
      const now = new Date().toISOString();
      const row: SessionsTable = {
        id_hash: session.idHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: now,
        expires_at: session.expiresAt,
        last_seen_at: now,
      };
      await db.insertInto('sessions').values(row).execute();
      return toSession(row);
    },
    async get(idHash) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },
    async touch(idHash, at, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: at, expires_at: expiresAt })
        .where('id_hash', '=', idHash)
        .execute();
    },
    async delete(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForUser(userId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteExpired(now) {
      const result = await db
        .deleteFrom('sessions')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

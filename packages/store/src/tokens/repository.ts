import { roleSchema } from '@ccx/core';
import { z } from 'zod';
import type { DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import type { ApiTokensTable } from '../db/schema';
import { withConflict } from '../db/unique-violation';
import type { ApiToken, ApiTokenRepository } from '../types';

const createSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  userId: z.string().min(1),
  role: roleSchema,
  prefix: z.string(),
  tokenHash: z.string().min(1),
  expiresAt: z.string().nullable(),
});

function toToken(row: ApiTokensTable): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    role: roleSchema.parse(row.role),
    prefix: row.prefix,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Only hashes are stored. `findByHash` returns revoked and expired tokens too, so the caller
 * can tell "revoked" from "unknown"; it must check `revokedAt` and `expiresAt` itself.
 */
export function createApiTokenRepository({ db }: DbContext): ApiTokenRepository {
  return {
    async create(rawToken) {
      const token = parseInput(createSchema, rawToken, 'API token');
      const row: ApiTokensTable = {
        id: token.id,
        name: token.name,
        user_id: token.userId,
        role: token.role,
        prefix: token.prefix,
        token_hash: token.tokenHash,
        created_at: new Date().toISOString(),
        expires_at: token.expiresAt,
        last_used_at: null,
        revoked_at: null,
      };
      await withConflict('API token already exists', () =>
        db.insertInto('api_tokens').values(row).execute(),
      );
      return toToken(row);
    },
    async findByHash(tokenHash) {
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },
    /** Newest first. */
    async list(userId) {
      let rows = db.selectFrom('api_tokens').selectAll();
      if (userId !== undefined) rows = rows.where('user_id', '=', userId);
      return (await rows.orderBy('created_at', 'desc').orderBy('id').execute()).map(toToken);
    },
    /** Revoking twice keeps the first revocation time. */
    async revoke(id, at) {
      await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async touch(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

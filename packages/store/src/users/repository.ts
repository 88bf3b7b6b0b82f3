import { randomUUID } from 'node:crypto';
import { notFound, roleSchema } from '@ccx/core';
import { z } from 'zod';
import type { DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import type { UsersTable } from '../db/schema';
import { withConflict } from '../db/unique-violation';
import type { User, UserRepository } from '../types';

const createSchema = z.object({
  username: z.string().min(1),
  role: roleSchema,
  displayName: z.string().nullable().optional(),
  passwordHash: z.string().nullable().optional(),
  oidcIssuer: z.string().nullable().optional(),
  oidcSubject: z.string().nullable().optional(),
});

const patchSchema = z.object({
  role: roleSchema.optional(),
  displayName: z.string().nullable().optional(),
  passwordHash: z.string().nullable().optional(),
  disabledAt: z.string().nullable().optional(),
});

function toUser(row: UsersTable): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: roleSchema.parse(row.role),
    passwordHash: row.password_hash,
    oidcIssuer: row.oidc_issuer,
    oidcSubject: row.oidc_subject,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/** Usernames are unique as written; a duplicate (or a second user for one OIDC subject) is a `conflict`. */
export function createUserRepository({ db }: DbContext): UserRepository {
  const findById = async (id: string): Promise<User | null> => {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  };
  return {
    async create(rawInput) {
      const input = parseInput(createSchema, rawInput, 'user');
      const row: UsersTable = {
        id: randomUUID(),
        username: input.username,
        display_name: input.displayName ?? null,
        role: input.role,
        password_hash: input.passwordHash ?? null,
        oidc_issuer: input.oidcIssuer ?? null,
        oidc_subject: input.oidcSubject ?? null,
        created_at: new Date().toISOString(),
        disabled_at: null,
      };
      await withConflict(`User ${input.username} already exists`, () =>
        db.insertInto('users').values(row).execute(),
      );
      return toUser(row);
    },
    findById,
    async findByUsername(username) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async findByOidc(issuer, subject) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('oidc_issuer', '=', issuer)
        .where('oidc_subject', '=', subject)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async list() {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .orderBy('username')
        .orderBy('id')
        .execute();
      return rows.map(toUser);
    },
    async update(id, rawPatch) {
      const patch = parseInput(patchSchema, rawPatch, 'user update');
      const set: Partial<UsersTable> = {};
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.displayName !== undefined) set.display_name = patch.displayName;
      if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
      if (patch.disabledAt !== undefined) set.disabled_at = patch.disabledAt;
      if (Object.keys(set).length > 0)
        await db.updateTable('users').set(set).where('id', '=', id).execute();
      const user = await findById(id);
      if (!user) throw notFound(`User ${id}`);
      return user;
    },
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}

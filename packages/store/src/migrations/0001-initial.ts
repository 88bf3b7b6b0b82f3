import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import { addAutoIdColumn, sortableText } from './column-helpers';

/**
 * The first schema: inventory with history, accounts and auth, the audit log and sync runs.
 * Indexes cover the resource filters and sort fields, the deletion sweep of one scope and type,
 * history by uid, and the audit filters.
 */
export function initialMigration(dialect: SqlDialect): Migration {
  const text = sortableText(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('resources')
        .addColumn('uid', 'text', (c) => text(c).primaryKey())
        .addColumn('connection', 'text', (c) => text(c).notNull())
        .addColumn('provider', 'text', (c) => text(c).notNull())
        .addColumn('account', 'text', (c) => text(c).notNull())
        .addColumn('region', 'text', (c) => text(c).notNull())
        .addColumn('type', 'text', (c) => text(c).notNull())
        .addColumn('id', 'text', (c) => text(c).notNull())
        .addColumn('name', 'text', (c) => text(c))
        .addColumn('state', 'text', (c) => text(c))
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => text(c))
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => text(c).notNull())
        .addColumn('deleted_at', 'text')
        .addColumn('last_run_id', 'text')
        .execute();
      await db.schema
        .createIndex('resources_scope_idx')
        .on('resources')
        .columns(['connection', 'provider', 'account', 'region', 'type', 'deleted_at'])
        .execute();
      for (const column of [
        'provider',
        'account',
        'region',
        'type',
        'state',
        'name',
        'id',
        'created_at',
        'updated_at',
        'deleted_at',
      ]) {
        await db.schema
          .createIndex(`resources_${column}_idx`)
          .on('resources')
          .column(column)
          .execute();
      }

      await db.schema
        .createTable('resource_tags')
        .addColumn('uid', 'text', (c) =>
          text(c).notNull().references('resources.uid').onDelete('cascade'),
        )
        .addColumn('key', 'text', (c) => text(c).notNull())
        .addColumn('value', 'text', (c) => text(c).notNull())
        .addPrimaryKeyConstraint('resource_tags_pk', ['uid', 'key'])
        .execute();
      await db.schema
        .createIndex('resource_tags_key_value_idx')
        .on('resource_tags')
        .columns(['key', 'value'])
        .execute();

      await addAutoIdColumn(db.schema.createTable('resource_changes'), 'id', dialect)
        .addColumn('uid', 'text', (c) => text(c).notNull())
        .addColumn('sync_run_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('diff', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('resource_changes_uid_idx')
        .on('resource_changes')
        .columns(['uid', 'id'])
        .execute();
      await db.schema
        .createIndex('resource_changes_run_idx')
        .on('resource_changes')
        .column('sync_run_id')
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => text(c).notNull().unique())
        .addColumn('display_name', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('oidc_issuer', 'text')
        .addColumn('oidc_subject', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .addUniqueConstraint('users_oidc_unique', ['oidc_issuer', 'oidc_subject'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
      await db.schema
        .createIndex('sessions_expires_idx')
        .on('sessions')
        .column('expires_at')
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createIndex('api_tokens_user_idx')
        .on('api_tokens')
        .column('user_id')
        .execute();

      await addAutoIdColumn(db.schema.createTable('audit_events'), 'seq', dialect)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('correlation_id', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('source_ip', 'text')
        .execute();
      for (const column of ['at', 'actor_id', 'action', 'target', 'correlation_id']) {
        await db.schema
          .createIndex(`audit_events_${column}_idx`)
          .on('audit_events')
          .column(column)
          .execute();
      }
      await protectAuditLog(db, dialect);

      await db.schema
        .createTable('sync_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('errors', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sync_runs_started_idx')
        .on('sync_runs')
        .column('started_at')
        .execute();
    },
  };
}

/**
 * The audit log is append-only in the database itself, not only by convention in the
 * repository: an UPDATE or DELETE on it fails, whoever issues it.
 */
async function protectAuditLog(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const operation of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger audit_events_no_${operation} before ${operation} on audit_events ` +
            `begin select raise(abort, 'audit_events is append-only'); end`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `create function audit_events_append_only() returns trigger language plpgsql as $$ ` +
        `begin raise exception 'audit_events is append-only'; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger audit_events_append_only before update or delete on audit_events ` +
        `for each statement execute function audit_events_append_only()`,
    )
    .execute(db);
}

import { providerIdSchema } from '@ccx/core';
import { z } from 'zod';
import { parseJsonColumn } from '../db/json';
import type { ResourcesTable, ResourceChangesTable } from '../db/schema';
import type { ChangeKind, ResourceChange, StoredResource } from '../types';

export const tagsSchema = z.record(z.string(), z.string());
export const attributesSchema = z.record(z.string(), z.unknown());
const diffSchema = z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() }));
const changeKindSchema = z.enum(['created', 'updated', 'deleted'] satisfies ChangeKind[]);

export function toStoredResource(row: ResourcesTable): StoredResource {
  return {
    uid: row.uid,
    connection: row.connection,
    provider: providerIdSchema.parse(row.provider),
    account: row.account,
    region: row.region,
    type: row.type,
    id: row.id,
    name: row.name,
    state: row.state,
    tags: parseJsonColumn(tagsSchema, row.tags, 'resources.tags'),
    createdAt: row.created_at,
    attributes: parseJsonColumn(attributesSchema, row.attributes, 'resources.attributes'),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export function toResourceChange(
  row: Omit<ResourceChangesTable, 'id'> & { id: number | string },
): ResourceChange {
  return {
    id: Number(row.id),
    uid: row.uid,
    syncRunId: row.sync_run_id,
    at: row.at,
    kind: changeKindSchema.parse(row.kind),
    diff: parseJsonColumn(diffSchema, row.diff, 'resource_changes.diff').map((change) => ({
      path: change.path,
      before: change.before ?? null,
      after: change.after ?? null,
    })),
  };
}

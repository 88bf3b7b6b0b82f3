import { isDeepStrictEqual } from 'node:util';
import type { Resource } from '@ccx/core';
import type { InventorySink, ListingCounts, ScopeRefForSink, SeenAccount } from '../types';

interface Row {
  resource: Resource;
  runId: string;
  deleted: boolean;
}

export interface SinkCall {
  kind: 'batch' | 'complete';
  scope: string;
  type: string;
  runId: string;
  size: number;
}

const scopeId = (scope: ScopeRefForSink, type: string): string =>
  `${scope.connection}/${scope.account}/${scope.region}/${type}`;

/**
 * An in-memory InventorySink for tests, with the store's semantics: upsert per batch stamped
 * with the run id, and deletion of unstamped live rows only in `completeListing`. It records
 * every call so tests can check batching and that a failed listing never completes.
 */
export class MemorySink implements InventorySink {
  readonly calls: SinkCall[] = [];
  /** Each `recordAccounts` call's argument, in order. */
  readonly recordedAccounts: SeenAccount[][] = [];
  private readonly rows = new Map<string, Map<string, Row>>();

  applyBatch(input: {
    scope: ScopeRefForSink;
    type: string;
    runId: string;
    resources: Resource[];
  }): Promise<ListingCounts> {
    const key = scopeId(input.scope, input.type);
    this.calls.push({
      kind: 'batch',
      scope: key,
      type: input.type,
      runId: input.runId,
      size: input.resources.length,
    });
    const table = this.rows.get(key) ?? new Map<string, Row>();
    this.rows.set(key, table);
    const counts: ListingCounts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
    for (const resource of input.resources) {
      const row = table.get(resource.uid);
      if (!row || row.deleted) counts.created += 1;
      else if (isDeepStrictEqual(row.resource, resource)) counts.unchanged += 1;
      else counts.updated += 1;
      table.set(resource.uid, { resource, runId: input.runId, deleted: false });
    }
    return Promise.resolve(counts);
  }

  completeListing(input: {
    scope: ScopeRefForSink;
    type: string;
    runId: string;
  }): Promise<{ deleted: number }> {
    const key = scopeId(input.scope, input.type);
    this.calls.push({
      kind: 'complete',
      scope: key,
      type: input.type,
      runId: input.runId,
      size: 0,
    });
    let deleted = 0;
    for (const row of this.rows.get(key)?.values() ?? []) {
      if (!row.deleted && row.runId !== input.runId) {
        row.deleted = true;
        deleted += 1;
      }
    }
    return Promise.resolve({ deleted });
  }

  recordAccounts(accounts: readonly SeenAccount[]): Promise<void> {
    this.recordedAccounts.push([...accounts]);
    return Promise.resolve();
  }

  /** Live resources, sorted by uid. */
  live(): Resource[] {
    return [...this.rows.values()]
      .flatMap((table) => [...table.values()])
      .filter((row) => !row.deleted)
      .map((row) => row.resource)
      .sort((a, b) => a.uid.localeCompare(b.uid));
  }
}

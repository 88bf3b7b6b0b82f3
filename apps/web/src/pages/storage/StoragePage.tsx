import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { listBuckets, listStorageConnections } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { SandboxBadge } from '../../components/SandboxBadge';
import { parseBucketSort, sortBuckets } from '../../storage/bucket-sort';
import { storageKeys } from '../../storage/query-keys';
import { BucketTable } from './BucketTable';
import { ConnectionStrip } from './ConnectionStrip';

/**
 * Every bucket of every connection, from the inventory with its posture, classification,
 * tiering and last measurement. Connection and provider filters and the order live in the
 * address so a view can be shared.
 */
export function StoragePage() {
  const client = useApiClient();
  const [params, setParams] = useSearchParams();
  const provider = params.get('provider') ?? '';
  const connection = params.get('connection') ?? '';
  const sort = parseBucketSort(params.get('sort'));
  const [text, setText] = useState('');
  const connections = useQuery({
    queryKey: storageKeys.connections,
    queryFn: () => listStorageConnections(client),
  });
  const buckets = useQuery({
    queryKey: storageKeys.buckets,
    queryFn: () => listBuckets(client),
  });
  const providers = [...new Set((connections.data ?? []).map((c) => c.provider))].sort();
  const needle = text.trim().toLowerCase();
  const matching = (buckets.data ?? []).filter(
    (bucket) =>
      (!provider || bucket.provider === provider) &&
      (!connection || bucket.connection === connection) &&
      (!needle || bucket.bucket.toLowerCase().includes(needle)),
  );
  const shown = sortBuckets(matching, sort);
  const sandbox = (connections.data ?? []).some((item) => item.sandbox);
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return (
    <div className="page">
      <header className="page-header">
        <h1>
          Storage <span className="subtitle">the Great Library</span>
        </h1>
        {sandbox ? <SandboxBadge /> : null}
      </header>
      <ConnectionStrip
        connections={connections.data ?? []}
        buckets={buckets.data ?? []}
        selected={connection}
        onSelect={(name) => setParam('connection', name)}
      />
      <div className="toolbar">
        <label className="facet">
          Provider
          <select value={provider} onChange={(event) => setParam('provider', event.target.value)}>
            <option value="">All</option>
            {providers.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="search">
          Filter buckets
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
      </div>
      {buckets.isError ? (
        <ErrorPanel error={buckets.error} onRetry={() => void buckets.refetch()} />
      ) : buckets.isPending ? (
        <p className="muted">Loading buckets…</p>
      ) : (
        <BucketTable
          buckets={shown}
          filtered={Boolean(provider || connection || needle)}
          sort={sort}
          onSort={(next) => setParam('sort', next)}
        />
      )}
    </div>
  );
}

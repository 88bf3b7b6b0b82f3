import type { BucketView, StorageConnection } from '@ccx/api/contract';

/**
 * The storage connections, each with its synced bucket count; choosing one narrows the table
 * to it. A connection with no bucket yet is shown too, so a missing sync is visible.
 */
export function ConnectionStrip({
  connections,
  buckets,
  selected,
  onSelect,
}: {
  connections: StorageConnection[];
  buckets: BucketView[];
  selected: string;
  onSelect: (name: string) => void;
}) {
  if (connections.length === 0) return null;
  return (
    <ul className="connection-strip" aria-label="Storage connections">
      {connections.map((connection) => {
        const count = buckets.filter((bucket) => bucket.connection === connection.name).length;
        const active = selected === connection.name;
        return (
          <li key={connection.name}>
            <button
              type="button"
              aria-pressed={active}
              className={active ? 'connection-card active' : 'connection-card'}
              onClick={() => onSelect(active ? '' : connection.name)}
            >
              <strong>{connection.name}</strong>
              <span className="muted">
                {connection.provider}
                {connection.sandbox ? ' · sandbox' : ''}
              </span>
              <span>{`${count} bucket${count === 1 ? '' : 's'}`}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

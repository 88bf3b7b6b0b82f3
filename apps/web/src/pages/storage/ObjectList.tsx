import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { ObjectEntry } from '@ccx/api/contract';
import type { BucketLocation } from '../../api/storage';
import { Time } from '../../components/Time';
import { formatBytes } from '../../storage/format';
import { baseName, bucketHref } from '../../storage/paths';
import { FindingBadges } from './FindingBadges';
import { FolderIcon } from './FolderIcon';

const ROW_HEIGHT = 36;

/**
 * The entries of one level, virtualised: only the rows in view exist in the page, so a level
 * of a million keys scrolls like one of ten. When the last loaded row comes into view the next
 * page is asked for. Names are rendered as text; folder links encode every segment.
 */
export function ObjectList({
  where,
  prefix,
  entries,
  hasMore,
  loadingMore,
  onLoadMore,
  selected,
  onToggle,
  selectable,
  onOpen,
}: {
  where: BucketLocation;
  prefix: string;
  entries: ObjectEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  selectable: boolean;
  onOpen: (key: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Lets a render without layout (the first paint, server rendering in tests) show rows.
    initialRect: { width: 1000, height: 20 * ROW_HEIGHT },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= entries.length - 1) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, entries.length, onLoadMore]);

  return (
    <div className="object-list" role="table" aria-label="Objects" aria-rowcount={entries.length}>
      <div className="object-row object-head" role="row">
        <span role="columnheader" className="col-select">
          <span className="visually-hidden">Selected</span>
        </span>
        <span role="columnheader">Name</span>
        <span role="columnheader">Size</span>
        <span role="columnheader">Modified</span>
        <span role="columnheader">Class</span>
        <span role="columnheader">Findings</span>
      </div>
      <div className="object-scroll" ref={scrollRef} data-testid="object-scroll">
        {entries.length === 0 ? (
          <p className="empty muted">Nothing here yet.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const entry = entries[item.index];
              if (!entry) return null;
              return (
                <div
                  key={entry.kind === 'prefix' ? `p:${entry.prefix}` : `o:${entry.key}`}
                  className="object-row"
                  role="row"
                  aria-rowindex={item.index + 1}
                  data-testid="object-row"
                  data-kind={entry.kind}
                  style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)` }}
                >
                  {entry.kind === 'prefix' ? (
                    <>
                      <span role="cell" className="col-select" />
                      <span role="cell" className="col-name">
                        <Link to={bucketHref(where, entry.prefix)} className="folder">
                          <FolderIcon />
                          {baseName(entry.prefix, prefix)}
                        </Link>
                      </span>
                      <span role="cell" className="muted">
                        folder
                      </span>
                      <span role="cell" />
                      <span role="cell" />
                      <span role="cell" />
                    </>
                  ) : (
                    <>
                      <span role="cell" className="col-select">
                        {selectable ? (
                          <input
                            type="checkbox"
                            aria-label={`Select ${entry.key}`}
                            checked={selected.has(entry.key)}
                            onChange={() => onToggle(entry.key)}
                          />
                        ) : null}
                      </span>
                      <span role="cell" className="col-name">
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onOpen(entry.key)}
                          title={entry.key}
                        >
                          {baseName(entry.key, prefix)}
                        </button>
                      </span>
                      <span role="cell" title={`${entry.size} bytes`}>
                        {formatBytes(entry.size)}
                      </span>
                      <span role="cell">
                        <Time value={entry.lastModified} />
                      </span>
                      <span role="cell">{entry.storageClass ?? ''}</span>
                      <span role="cell">
                        <FindingBadges counts={entry.findings?.counts} />
                      </span>
                    </>
                  )}
                </div>
              );
            })}
          </div>
        )}
        {loadingMore ? <p className="muted">Loading more…</p> : null}
      </div>
    </div>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { listStorageConnections, scanPrefix } from '../../api/storage';
import type { BucketLocation } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { useCan } from '../../app/session';
import { ErrorPanel } from '../../components/ErrorPanel';
import { SandboxBadge } from '../../components/SandboxBadge';
import { parseBucketPath } from '../../storage/paths';
import { storageKeys } from '../../storage/query-keys';
import { NotFoundPage } from '../NotFoundPage';
import { useObjectListing } from '../../storage/use-object-listing';
import { useUploads } from '../../storage/use-uploads';
import { Breadcrumbs } from './Breadcrumbs';
import { ClassDialog } from './ClassDialog';
import { DeleteDialog } from './DeleteDialog';
import { ObjectDetailPanel } from './ObjectDetailPanel';
import { ObjectList } from './ObjectList';
import { ObjectToolbar, type ObjectDialog } from './ObjectToolbar';
import { PresignDialog } from './PresignDialog';
import { TransferDialog } from './TransferDialog';
import { UploadList, UploadZone } from './UploadZone';
import { VersionsPanel } from './VersionsPanel';

/**
 * One level of one bucket: `/storage/:connection/:account/:bucket/<prefix>`. The open object
 * is in the address (`?object=key`) so a detail view can be linked; the selection is not.
 */
export function BucketPage() {
  const { pathname } = useLocation();
  const parsed = parseBucketPath(pathname);
  const connection = parsed?.connection ?? '';
  const account = parsed?.account ?? '';
  const bucket = parsed?.bucket ?? '';
  const where = useMemo<BucketLocation>(
    () => ({ connection, account, bucket }),
    [connection, account, bucket],
  );
  if (!parsed) return <NotFoundPage />;
  const prefix = parsed.prefix;
  // A new level starts with nothing selected and no dialog open.
  return (
    <BucketLevel
      key={`${where.connection}/${where.account}/${where.bucket}/${prefix}`}
      where={where}
      prefix={prefix}
    />
  );
}

function BucketLevel({ where, prefix }: { where: BucketLocation; prefix: string }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const canWrite = useCan('operator');
  const [search, setSearch] = useSearchParams();
  const openKey = search.get('object');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<ObjectDialog | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const connections = useQuery({
    queryKey: storageKeys.connections,
    queryFn: () => listStorageConnections(client),
  });
  const connection = connections.data?.find((item) => item.name === where.connection) ?? null;
  const { query, entries } = useObjectListing(where, prefix);
  const { uploads, start, clearFinished } = useUploads(where);
  const upload = useCallback((files: File[]) => void start(files, prefix), [start, prefix]);
  const loadMore = useCallback(() => void query.fetchNextPage(), [query]);

  const toggle = useCallback(
    (key: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  const closeDialog = useCallback(() => setDialog(null), []);
  const done = useCallback((text: string) => {
    setDialog(null);
    setSelected(new Set());
    setOutcome({ ok: true, text });
  }, []);
  const openObject = (key: string | null) => {
    const next = new URLSearchParams(search);
    if (key === null) next.delete('object');
    else next.set('object', key);
    setSearch(next);
  };

  const scan = useMutation({
    mutationFn: () => scanPrefix(client, { ...where, prefix }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: storageKeys.all });
      setOutcome({
        ok: true,
        text: `Scanned ${result.scanned} object(s), skipped ${result.skipped}; ${result.objectsWithFindings} with findings`,
      });
    },
    onError: (error) => setOutcome({ ok: false, text: `Scan failed: ${describeError(error)}` }),
  });

  const only = selected.size === 1 ? [...selected][0] : undefined;
  const onlyEntry = entries.find((entry) => entry.kind === 'object' && entry.key === only);
  const target = only === undefined ? null : { ...where, key: only };

  return (
    <div className="page storage-browser">
      <header className="page-header">
        <h1 className="bucket-title">{where.bucket}</h1>
        <span className="muted">
          {connection ? `${connection.provider} · ` : ''}
          {where.connection} · {where.account}
        </span>
        {connection?.sandbox ? <SandboxBadge /> : null}
      </header>
      <Breadcrumbs where={where} prefix={prefix} />
      <ObjectToolbar
        connection={connection}
        canWrite={canWrite}
        selectedCount={selected.size}
        onOpen={setDialog}
        onUpload={upload}
        onScan={() => scan.mutate()}
        scanning={scan.isPending}
      />
      {outcome ? (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'outcome' : 'inline-error'}
          data-testid="storage-outcome"
        >
          {outcome.text}
        </p>
      ) : null}
      <UploadList uploads={uploads} onClear={clearFinished} />
      <div className="browser-body">
        <UploadZone enabled={canWrite} onFiles={upload}>
          {query.isError ? (
            <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
          ) : query.isPending ? (
            <p className="muted">Loading objects…</p>
          ) : (
            <ObjectList
              where={where}
              prefix={prefix}
              entries={entries}
              hasMore={query.hasNextPage}
              loadingMore={query.isFetchingNextPage}
              onLoadMore={loadMore}
              selected={selected}
              onToggle={toggle}
              selectable
              onOpen={(key) => openObject(key)}
            />
          )}
        </UploadZone>
        {openKey !== null ? (
          <ObjectDetailPanel where={{ ...where, key: openKey }} onClose={() => openObject(null)} />
        ) : null}
      </div>
      {target && (dialog === 'move' || dialog === 'copy') ? (
        <TransferDialog
          source={target}
          initialMode={dialog}
          connections={connections.data ?? []}
          onClose={closeDialog}
          onDone={done}
        />
      ) : null}
      {target && dialog === 'presign' ? (
        <PresignDialog where={target} onClose={closeDialog} />
      ) : null}
      {target && dialog === 'class' ? (
        <ClassDialog
          where={target}
          current={onlyEntry?.kind === 'object' ? onlyEntry.storageClass : null}
          classes={connection?.storageClasses ?? []}
          onClose={closeDialog}
          onDone={done}
        />
      ) : null}
      {target && dialog === 'versions' ? (
        <VersionsPanel where={target} canRestore={canWrite} onClose={closeDialog} />
      ) : null}
      {dialog === 'delete' && selected.size > 0 ? (
        <DeleteDialog
          where={where}
          keys={[...selected]}
          onClose={closeDialog}
          onDone={(result) => {
            setDialog(null);
            if (result.ok) setSelected(new Set());
            setOutcome(result);
          }}
        />
      ) : null}
    </div>
  );
}

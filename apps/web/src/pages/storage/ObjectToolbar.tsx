import type { StorageConnection } from '@ccx/api/contract';
import { UploadButton } from './UploadZone';

export type ObjectDialog = 'move' | 'copy' | 'delete' | 'presign' | 'class' | 'versions';

/**
 * Actions on the selection. Mutating ones exist only for operators (the server refuses them
 * to a viewer anyway); Versions is a read and is offered wherever the connection versions.
 * Actions on one object are enabled with exactly one selected; Delete takes any number.
 */
export function ObjectToolbar({
  connection,
  canWrite,
  selectedCount,
  onOpen,
  onUpload,
  onScan,
  scanning,
}: {
  connection: StorageConnection | null;
  canWrite: boolean;
  selectedCount: number;
  onOpen: (dialog: ObjectDialog) => void;
  onUpload: (files: File[]) => void;
  onScan: () => void;
  scanning: boolean;
}) {
  const one = selectedCount === 1;
  return (
    <div className="toolbar storage-toolbar" role="toolbar" aria-label="Object actions">
      {canWrite ? (
        <>
          <UploadButton onFiles={onUpload} />
          <button type="button" disabled={!one} onClick={() => onOpen('move')}>
            Move
          </button>
          <button type="button" disabled={!one} onClick={() => onOpen('copy')}>
            Copy
          </button>
          <button type="button" disabled={!one} onClick={() => onOpen('presign')}>
            Presign
          </button>
          <button
            type="button"
            disabled={!one || (connection?.storageClasses.length ?? 0) === 0}
            onClick={() => onOpen('class')}
          >
            Change class
          </button>
          <button
            type="button"
            className="danger"
            disabled={selectedCount === 0}
            onClick={() => onOpen('delete')}
          >
            Delete
          </button>
        </>
      ) : null}
      {connection?.capabilities.versioning ? (
        <button type="button" disabled={!one} onClick={() => onOpen('versions')}>
          Versions
        </button>
      ) : null}
      {canWrite ? (
        <button type="button" disabled={scanning} onClick={onScan}>
          {scanning ? 'Scanning…' : 'Scan'}
        </button>
      ) : null}
      <span className="muted">{selectedCount > 0 ? `${selectedCount} selected` : ''}</span>
    </div>
  );
}

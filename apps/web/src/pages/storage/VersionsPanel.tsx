import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listVersions, restoreVersion } from '../../api/storage';
import type { ObjectLocation } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Time } from '../../components/Time';
import { formatBytes } from '../../storage/format';
import { storageKeys } from '../../storage/query-keys';
import { Modal } from './Modal';
import { ErrorLine } from './form-parts';

/** Every version of one key, newest first as the provider lists them; restore copies one on top. */
export function VersionsPanel({
  where,
  canRestore,
  onClose,
}: {
  where: ObjectLocation;
  canRestore: boolean;
  onClose: () => void;
}) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: storageKeys.versions(where),
    queryFn: () => listVersions(client, where),
  });
  const restore = useMutation({
    mutationFn: (versionId: string) => restoreVersion(client, { ...where, versionId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storageKeys.bucket(where) }),
  });
  return (
    <Modal title={`Versions of ${where.key}`} onClose={onClose}>
      {versions.isError ? (
        <ErrorPanel error={versions.error} />
      ) : versions.isPending ? (
        <p className="muted">Loading versions…</p>
      ) : versions.data.length === 0 ? (
        <p className="muted">No versions recorded.</p>
      ) : (
        <table className="data-table" aria-label="Versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Modified</th>
              <th scope="col">Size</th>
              <th scope="col">Class</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {versions.data.map((version) => (
              <tr key={version.versionId} data-testid="version-row">
                <td>
                  <code>{version.versionId}</code>
                  {version.isLatest ? <span className="badge badge-ok">latest</span> : null}
                  {version.isDeleteMarker ? (
                    <span className="badge badge-idle">delete marker</span>
                  ) : null}
                </td>
                <td>
                  <Time value={version.lastModified} />
                </td>
                <td>{version.isDeleteMarker ? '' : formatBytes(version.size)}</td>
                <td>{version.storageClass ?? ''}</td>
                <td>
                  {canRestore && !version.isLatest && !version.isDeleteMarker ? (
                    <button
                      type="button"
                      disabled={restore.isPending}
                      onClick={() => restore.mutate(version.versionId)}
                    >
                      Restore
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restore.isSuccess ? (
        <p role="status">Restored as version {restore.data.versionId ?? '(current)'}.</p>
      ) : null}
      <ErrorLine error={restore.error} />
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

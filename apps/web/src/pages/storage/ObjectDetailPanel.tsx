import { useQuery } from '@tanstack/react-query';
import { getObjectDetail, downloadUrl } from '../../api/storage';
import type { ObjectLocation } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { KeyValueTable } from '../../components/KeyValueTable';
import { Time } from '../../components/Time';
import { formatBytes } from '../../storage/format';
import { storageKeys } from '../../storage/query-keys';

/**
 * Metadata, tags and the stored scan result of one object. Findings arrive masked from the
 * server and are shown as they came; the page never fetches the content to show a match.
 */
export function ObjectDetailPanel({
  where,
  onClose,
}: {
  where: ObjectLocation;
  onClose: () => void;
}) {
  const client = useApiClient();
  const detail = useQuery({
    queryKey: storageKeys.object(where),
    queryFn: () => getObjectDetail(client, where),
  });
  return (
    <aside className="panel object-detail" aria-label="Object detail" data-testid="object-detail">
      <div className="panel-header">
        <h2 className="object-key">{where.key}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        <a href={downloadUrl(client, where)} download>
          Download
        </a>
      </p>
      {detail.isError ? (
        <ErrorPanel error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <dl className="summary-grid">
            <dt>Size</dt>
            <dd title={`${detail.data.info.size} bytes`}>{formatBytes(detail.data.info.size)}</dd>
            <dt>Modified</dt>
            <dd>
              <Time value={detail.data.info.lastModified} />
            </dd>
            <dt>Content type</dt>
            <dd>{detail.data.info.contentType ?? '—'}</dd>
            <dt>Class</dt>
            <dd>{detail.data.info.storageClass ?? '—'}</dd>
            <dt>Encryption</dt>
            <dd>{detail.data.info.encryption ?? '—'}</dd>
            <dt>ETag</dt>
            <dd>
              <code>{detail.data.info.etag ?? '—'}</code>
            </dd>
            <dt>Version</dt>
            <dd>
              <code>{detail.data.info.versionId ?? '—'}</code>
            </dd>
          </dl>
          <h3>Metadata</h3>
          <KeyValueTable
            entries={Object.entries(detail.data.info.metadata)}
            label="Metadata"
            empty="No user metadata."
          />
          <h3>Tags</h3>
          <KeyValueTable
            entries={Object.entries(detail.data.info.tags)}
            label="Tags"
            empty="No tags."
          />
          <h3>Findings</h3>
          {detail.data.scannedAt === null ? (
            <p className="muted">Not scanned yet.</p>
          ) : detail.data.findings.length === 0 ? (
            <p>
              Nothing found (scanned <Time value={detail.data.scannedAt} />
              ).
            </p>
          ) : (
            <table className="data-table" aria-label="Findings">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Match (masked)</th>
                  <th scope="col">Line</th>
                  <th scope="col">Confidence</th>
                </tr>
              </thead>
              <tbody>
                {detail.data.findings.map((finding, index) => (
                  <tr key={index} data-testid="finding-row">
                    <td>{finding.type}</td>
                    <td>
                      <code>{finding.masked}</code>
                    </td>
                    <td>{finding.line ?? ''}</td>
                    <td>
                      {finding.confidence === undefined
                        ? ''
                        : `${Math.round(finding.confidence * 100)}%`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </aside>
  );
}

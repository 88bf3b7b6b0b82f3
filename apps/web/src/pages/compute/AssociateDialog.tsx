import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listAddressTargets } from '../../api/compute';
import { describeError } from '../../api/errors';
import type { ComputeEntry } from '../../api/schemas/compute';
import { useApiClient } from '../../app/api-context';
import { StateBadge } from '../../components/StateBadge';
import { accountLabel } from '../../components/account-label';
import { consequence } from '../../compute/actions';
import { Modal } from '../storage/Modal';

/** The instance an address points at now, from its stored attributes. */
export function currentInstanceOf(attributes: Record<string, unknown>): string | null {
  const id = attributes['instanceId'];
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/**
 * Associates an Elastic IP with one of the running or stopped instances of its account and
 * region, listed through the compute list. The dialog is the confirmation.
 */
export function AssociateDialog({
  entry,
  attributes,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  entry: ComputeEntry;
  attributes: Record<string, unknown>;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (instanceUid: string) => void;
}) {
  const client = useApiClient();
  const targets = useQuery({
    queryKey: ['compute', 'address-targets', entry.provider, entry.account, entry.region],
    queryFn: ({ signal }) => listAddressTargets(client, entry, signal),
  });
  const [choice, setChoice] = useState('');
  const current = currentInstanceOf(attributes);
  const instances = targets.data?.items ?? [];
  return (
    <Modal title={`Associate address ${entry.name ?? entry.id}`} onClose={onCancel}>
      <p>
        <code>
          {typeof attributes['publicIp'] === 'string' ? attributes['publicIp'] : entry.id}
        </code>{' '}
        in {accountLabel(entry.account, entry.accountAlias)} / {entry.region}.{' '}
        {consequence('compute.associate-address', entry)}
      </p>
      {targets.isPending ? (
        <p className="muted">Loading instances…</p>
      ) : targets.isError ? (
        <p className="inline-error" role="alert">
          {describeError(targets.error)}
        </p>
      ) : instances.length === 0 ? (
        <p className="muted">No running or stopped instance in this account and region.</p>
      ) : (
        <div className="table-wrap size-picker">
          <table className="data-table" aria-label="Instances">
            <thead>
              <tr>
                <th scope="col">Instance</th>
                <th scope="col">State</th>
                <th scope="col">Size</th>
              </tr>
            </thead>
            <tbody>
              {instances.map((instance) => {
                const isCurrent = instance.id === current;
                return (
                  <tr key={instance.uid} data-testid="instance-row">
                    <td>
                      <label>
                        <input
                          type="radio"
                          name="instance"
                          value={instance.uid}
                          checked={choice === instance.uid}
                          disabled={busy || isCurrent}
                          onChange={() => setChoice(instance.uid)}
                        />{' '}
                        {instance.name ?? instance.id} <code>{instance.id}</code>
                        {isCurrent ? <span className="muted"> (current)</span> : null}
                      </label>
                    </td>
                    <td>
                      <StateBadge state={instance.state} />
                    </td>
                    <td>{instance.size ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || choice === ''}
          onClick={() => onConfirm(choice)}
        >
          {busy ? 'Working…' : 'Associate'}
        </button>
      </div>
    </Modal>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { StorageConnection } from '@ccx/api/contract';
import { listBuckets, transferObject } from '../../api/storage';
import type { ObjectLocation } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { storageKeys } from '../../storage/query-keys';
import { Modal } from './Modal';
import { ErrorLine, RadioChoice } from './form-parts';

/**
 * Move or copy one object to any bucket of any connection: the server streams it across
 * providers when the target is another cloud. The target key defaults to the source key.
 */
export function TransferDialog({
  source,
  initialMode,
  connections,
  onClose,
  onDone,
}: {
  source: ObjectLocation;
  initialMode: 'copy' | 'move';
  connections: StorageConnection[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState(initialMode);
  const [connection, setConnection] = useState(source.connection);
  const [bucketUid, setBucketUid] = useState('');
  const [key, setKey] = useState(source.key);
  const buckets = useQuery({ queryKey: storageKeys.buckets, queryFn: () => listBuckets(client) });
  const choices = (buckets.data ?? []).filter((bucket) => bucket.connection === connection);
  const target = choices.find((bucket) => bucket.uid === bucketUid) ?? null;
  const run = useMutation({
    mutationFn: () => {
      if (!target) throw new Error('Pick a target bucket');
      return transferObject(client, mode, source, {
        connection: target.connection,
        account: target.account,
        bucket: target.bucket,
        key,
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: storageKeys.all });
      onDone(
        `${mode === 'move' ? 'Moved' : 'Copied'} ${source.key} to ${target?.bucket ?? ''}/${key}`,
      );
    },
  });
  return (
    <Modal title={`${mode === 'move' ? 'Move' : 'Copy'} ${source.key}`} onClose={onClose}>
      <form
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate();
        }}
      >
        <RadioChoice
          legend="Operation"
          name="mode"
          options={[
            { value: 'move', label: 'Move' },
            { value: 'copy', label: 'Copy' },
          ]}
          value={mode}
          onChange={setMode}
        />
        <label>
          Target connection
          <select
            value={connection}
            onChange={(event) => {
              setConnection(event.target.value);
              setBucketUid('');
            }}
          >
            {connections.map((item) => (
              <option key={item.name} value={item.name}>
                {item.name} ({item.provider})
              </option>
            ))}
          </select>
        </label>
        <label>
          Target bucket
          <select value={bucketUid} onChange={(event) => setBucketUid(event.target.value)} required>
            <option value="">Choose a bucket…</option>
            {choices.map((bucket) => (
              <option key={bucket.uid} value={bucket.uid}>
                {bucket.bucket} ({bucket.account})
              </option>
            ))}
          </select>
        </label>
        <label>
          Target key
          <input value={key} onChange={(event) => setKey(event.target.value)} required />
        </label>
        <ErrorLine error={run.error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose} disabled={run.isPending}>
            Cancel
          </button>
          <button type="submit" disabled={run.isPending || !target || !key}>
            {run.isPending ? 'Working…' : mode === 'move' ? 'Move object' : 'Copy object'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

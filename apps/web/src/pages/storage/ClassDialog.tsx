import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setStorageClass } from '../../api/storage';
import type { ObjectLocation } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { storageKeys } from '../../storage/query-keys';
import { Modal } from './Modal';
import { ErrorLine } from './form-parts';

/** Storage class (S3), class (GCS) or access tier (Azure): only what the connection accepts. */
export function ClassDialog({
  where,
  current,
  classes,
  onClose,
  onDone,
}: {
  where: ObjectLocation;
  current: string | null;
  classes: readonly string[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState(current ?? classes[0] ?? '');
  const run = useMutation({
    mutationFn: () => setStorageClass(client, where, choice),
    onSuccess: async (info) => {
      await queryClient.invalidateQueries({ queryKey: storageKeys.bucket(where) });
      onDone(`${where.key} is now ${info.storageClass ?? choice}`);
    },
  });
  return (
    <Modal title={`Change class of ${where.key}`} onClose={onClose}>
      <form
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate();
        }}
      >
        <label>
          Storage class
          <select value={choice} onChange={(event) => setChoice(event.target.value)}>
            {classes.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <ErrorLine error={run.error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose} disabled={run.isPending}>
            Cancel
          </button>
          <button type="submit" disabled={run.isPending || !choice || choice === current}>
            {run.isPending ? 'Working…' : 'Apply class'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

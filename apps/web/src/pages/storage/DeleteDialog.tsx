import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteObjects } from '../../api/storage';
import type { BucketLocation } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { storageKeys } from '../../storage/query-keys';
import { ErrorLine } from './form-parts';

const SHOWN = 20;

/**
 * Confirms a batch delete, naming the keys (as text) it will remove. The provider deletes key
 * by key and never fails the whole batch, so keys it refused are reported, not hidden.
 */
export function DeleteDialog({
  where,
  keys,
  onClose,
  onDone,
}: {
  where: BucketLocation;
  keys: readonly string[];
  onClose: () => void;
  onDone: (outcome: { ok: boolean; text: string }) => void;
}) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      deleteObjects(
        client,
        where,
        keys.map((key) => ({ key })),
      ),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: storageKeys.bucket(where) });
      const failed = result.errors.map((error) => `${error.key} (${error.message})`).join(', ');
      onDone(
        failed
          ? { ok: false, text: `Deleted ${result.deleted.length}; failed: ${failed}` }
          : { ok: true, text: `Deleted ${result.deleted.length} object(s)` },
      );
    },
  });
  return (
    <ConfirmDialog
      title={`Delete ${keys.length} object(s)?`}
      confirmLabel="Delete"
      busy={remove.isPending}
      onCancel={onClose}
      onConfirm={() => remove.mutate()}
    >
      <ul className="key-list">
        {keys.slice(0, SHOWN).map((key) => (
          <li key={key}>{key}</li>
        ))}
      </ul>
      {keys.length > SHOWN ? <p>and {keys.length - SHOWN} more.</p> : null}
      <p>
        From {where.bucket} ({where.connection}). Without versioning this cannot be undone.
      </p>
      <ErrorLine error={remove.error} />
    </ConfirmDialog>
  );
}

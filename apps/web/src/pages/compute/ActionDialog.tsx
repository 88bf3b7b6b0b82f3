import type { ReactNode } from 'react';
import type { ComputeEntry } from '@ccx/api/contract';
import { Modal } from '../storage/Modal';

/**
 * What every compute action dialog is given: the resource and its stored attributes (which
 * prefill a form), whether the action is being sent, the server's refusal of the last attempt,
 * and what Cancel and confirm do. `T` is what the dialog's form produces (a size, a count, a
 * change, an instance).
 */
export interface ActionDialogProps<T> {
  entry: ComputeEntry;
  attributes: Record<string, unknown>;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (value: T) => void;
}

/**
 * The frame of a compute action's dialog: the form is the caller's, the rest is the same for
 * every action. `problem` is what the form itself refuses (checked as the server checks it),
 * `error` what the server refused; both are alerts. The confirm button is the dangerous one:
 * it stays disabled while the action is sent or while `value` is null (nothing valid to send),
 * and says `Working…` meanwhile. Cancel and Escape close the dialog.
 */
export function ActionDialog<T>({
  title,
  confirmLabel,
  value,
  problem = null,
  busy,
  error,
  onCancel,
  onConfirm,
  children,
}: Omit<ActionDialogProps<T>, 'entry' | 'attributes'> & {
  title: string;
  confirmLabel: string;
  /** What confirming sends; null while the form holds nothing that can be sent. */
  value: T | null;
  problem?: string | null;
  children: ReactNode;
}) {
  return (
    <Modal title={title} onClose={onCancel}>
      {children}
      {problem ? (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      ) : null}
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
          disabled={busy || value === null}
          onClick={() => {
            if (value !== null) onConfirm(value);
          }}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

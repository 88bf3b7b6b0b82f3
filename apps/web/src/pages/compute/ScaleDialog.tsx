import { useId, useState } from 'react';
import { z } from 'zod';
import type { ComputeEntry } from '../../api/schemas/compute';
import { consequence } from '../../compute/actions';
import { Modal } from '../storage/Modal';

/** The range the API accepts for a desired count (`actionInputSchema`). */
const countSchema = z.coerce.number().int().min(0).max(5000);

/** Sets a service's desired count; the dialog is the confirmation. */
export function ScaleDialog({
  entry,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  entry: ComputeEntry;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (count: number) => void;
}) {
  const inputId = useId();
  const [text, setText] = useState(String(entry.desiredCount ?? 1));
  const parsed = countSchema.safeParse(text.trim() === '' ? NaN : text);
  const unchanged = parsed.success && parsed.data === entry.desiredCount;
  return (
    <Modal title={`Scale service ${entry.name ?? entry.id}`} onClose={onCancel}>
      <p>
        Desired <strong>{entry.desiredCount ?? '—'}</strong>, running{' '}
        <strong>{entry.runningCount ?? '—'}</strong>. {consequence('compute.scale', entry)}
      </p>
      <div className="stacked-form">
        <label htmlFor={inputId}>Desired count</label>
        <input
          id={inputId}
          type="number"
          min={0}
          max={5000}
          step={1}
          value={text}
          disabled={busy}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {!parsed.success ? (
        <p className="inline-error" role="alert">
          A whole number from 0 to 5000.
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
          disabled={busy || !parsed.success || unchanged}
          onClick={() => parsed.success && onConfirm(parsed.data)}
        >
          {busy ? 'Working…' : parsed.success ? `Scale to ${parsed.data}` : 'Scale'}
        </button>
      </div>
    </Modal>
  );
}

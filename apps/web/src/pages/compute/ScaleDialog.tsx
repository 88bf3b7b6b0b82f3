import { useState } from 'react';
import { z } from 'zod';
import { LabelledInput } from '../../components/LabelledInput';
import { consequence } from '../../compute/actions';
import { ActionDialog, type ActionDialogProps } from './ActionDialog';

/** The range the API accepts for a desired count (`actionInputSchema`). */
const countSchema = z.coerce.number().int().min(0).max(5000);

/** Sets a service's desired count; the dialog is the confirmation. */
export function ScaleDialog(props: ActionDialogProps<number>) {
  const { entry, busy } = props;
  const [text, setText] = useState(String(entry.desiredCount ?? 1));
  const parsed = countSchema.safeParse(text.trim() === '' ? NaN : text);
  const unchanged = parsed.success && parsed.data === entry.desiredCount;
  return (
    <ActionDialog
      {...props}
      title={`Scale service ${entry.name ?? entry.id}`}
      confirmLabel={parsed.success ? `Scale to ${parsed.data}` : 'Scale'}
      value={parsed.success && !unchanged ? parsed.data : null}
      problem={parsed.success ? null : 'A whole number from 0 to 5000.'}
    >
      <p>
        Desired <strong>{entry.desiredCount ?? '—'}</strong>, running{' '}
        <strong>{entry.runningCount ?? '—'}</strong>. {consequence('compute.scale', entry)}
      </p>
      <div className="stacked-form">
        <LabelledInput
          label="Desired count"
          type="number"
          min={0}
          max={5000}
          step={1}
          value={text}
          disabled={busy}
          onText={setText}
        />
      </div>
    </ActionDialog>
  );
}

import { useState } from 'react';
import type { CreatedToken } from '@ccx/api/contract';

/**
 * The secret exists in the browser only while this notice is open: the server keeps a hash
 * and never returns it again.
 */
export function NewTokenNotice({
  created,
  onDismiss,
}: {
  created: CreatedToken;
  onDismiss: () => void;
}) {
  /** null before any copy; otherwise what happened, for the line under the field. */
  const [copy, setCopy] = useState<{ ok: boolean; message: string } | null>(null);
  const onCopy = () => {
    navigator.clipboard.writeText(created.token).then(
      () => setCopy({ ok: true, message: 'Copied.' }),
      (error: unknown) =>
        setCopy({
          ok: false,
          message: `Copy failed (${error instanceof Error ? error.message : String(error)}); select the text instead.`,
        }),
    );
  };
  return (
    <div className="new-token" role="status" data-testid="new-token">
      <p>
        Token <strong>{created.item.name}</strong> created. Copy it now: it will not be shown again.
      </p>
      <div className="token-secret">
        <input
          readOnly
          aria-label="New token"
          value={created.token}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" onClick={onCopy}>
          Copy
        </button>
        <button type="button" onClick={onDismiss}>
          Done
        </button>
      </div>
      {copy ? <span className={copy.ok ? 'muted' : 'inline-error'}>{copy.message}</span> : null}
    </div>
  );
}

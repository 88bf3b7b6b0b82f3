import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/errors';
import { presignObject } from '../../api/storage';
import type { ObjectLocation } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { Time } from '../../components/Time';
import { PRESIGN_EXPIRIES } from '../../storage/format';
import { Modal } from './Modal';

/**
 * A presigned URL is a bearer credential: it is shown once, in this dialog only, and is
 * never put in the address bar or the query cache.
 */
export function PresignDialog({ where, onClose }: { where: ObjectLocation; onClose: () => void }) {
  const client = useApiClient();
  const [method, setMethod] = useState<'GET' | 'PUT'>('GET');
  const [expires, setExpires] = useState<number>(PRESIGN_EXPIRIES[1].seconds);
  const [copied, setCopied] = useState(false);
  const run = useMutation({
    mutationFn: () => presignObject(client, where, method, expires),
  });
  return (
    <Modal title={`Presign ${where.key}`} onClose={onClose}>
      <form
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          setCopied(false);
          run.mutate();
        }}
      >
        <fieldset className="inline-form">
          <legend>Method</legend>
          {(['GET', 'PUT'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="method"
                value={value}
                checked={method === value}
                onChange={() => setMethod(value)}
              />{' '}
              {value}
            </label>
          ))}
        </fieldset>
        <label>
          Expires in
          <select value={expires} onChange={(event) => setExpires(Number(event.target.value))}>
            {PRESIGN_EXPIRIES.map((preset) => (
              <option key={preset.seconds} value={preset.seconds}>
                {preset.label}
              </option>
            ))}
          </select>
        </label>
        {run.isError ? (
          <p role="alert" className="inline-error">
            {describeError(run.error)}
          </p>
        ) : null}
        {run.data ? (
          <div className="presigned" data-testid="presigned">
            <label>
              Presigned URL
              <input readOnly value={run.data.url} onFocus={(event) => event.target.select()} />
            </label>
            {run.data.headers && Object.keys(run.data.headers).length > 0 ? (
              <p>
                Send these headers with it:{' '}
                {Object.entries(run.data.headers).map(([name, value]) => (
                  <code key={name}>{`${name}: ${value} `}</code>
                ))}
              </p>
            ) : null}
            <p>
              Expires <Time value={run.data.expiresAt} />{' '}
              <button
                type="button"
                onClick={() =>
                  void navigator.clipboard.writeText(run.data.url).then(() => setCopied(true))
                }
              >
                {copied ? 'Copied' : 'Copy URL'}
              </button>
            </p>
          </div>
        ) : null}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" disabled={run.isPending}>
            {run.isPending ? 'Working…' : 'Create URL'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { presignObject } from '../../api/storage';
import type { ObjectLocation } from '../../api/storage';
import { useApiClient } from '../../app/api-context';
import { Time } from '../../components/Time';
import { PRESIGN_EXPIRIES } from '../../storage/format';
import { Modal } from './Modal';
import { ErrorLine, RadioChoice } from './form-parts';

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
        <RadioChoice
          legend="Method"
          name="method"
          options={[
            { value: 'GET', label: 'GET' },
            { value: 'PUT', label: 'PUT' },
          ]}
          value={method}
          onChange={setMethod}
        />
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
        <ErrorLine error={run.error} />
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

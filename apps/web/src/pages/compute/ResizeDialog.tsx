import { sizeNameSchema } from '@ccx/core';
import { useId, useState } from 'react';
import type { ComputeEntry, SizeChoice } from '../../api/schemas/compute';
import { consequence } from '../../compute/actions';
import { formatHourlyPrice, formatPriceDelta, kindOfType } from '../../compute/format';
import { Modal } from '../storage/Modal';

/**
 * Picks a new size from the choices the server offers (same family and neighbours, with vCPU,
 * memory and the monthly price change), or a size typed by hand when the catalog has none for
 * the region. The dialog is the confirmation: it says what the resize will do first.
 */
export function ResizeDialog({
  entry,
  sizes,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  entry: ComputeEntry;
  sizes: SizeChoice[];
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (size: string) => void;
}) {
  const inputId = useId();
  const current = sizes.find((size) => size.name === entry.size) ?? null;
  const [choice, setChoice] = useState<string>('');
  const [typed, setTyped] = useState('');
  const wanted = sizes.length > 0 ? choice : typed.trim();
  const valid = sizeNameSchema.safeParse(wanted);
  const unchanged = wanted === entry.size;
  return (
    <Modal title={`Resize ${kindOfType(entry.type)} ${entry.name ?? entry.id}`} onClose={onCancel}>
      <p>
        Now <strong>{entry.size ?? 'unknown'}</strong>
        {current ? ` (${current.vcpu} vCPU, ${current.memoryGiB} GiB)` : ''}.{' '}
        {consequence('compute.resize', entry)}
      </p>
      {sizes.length > 0 ? (
        <div className="table-wrap size-picker">
          <table className="data-table" aria-label="Sizes">
            <thead>
              <tr>
                <th scope="col">Size</th>
                <th scope="col">vCPU</th>
                <th scope="col">Memory</th>
                <th scope="col">Price</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {sizes.map((size) => {
                const isCurrent = size.name === entry.size;
                return (
                  <tr key={size.name} data-testid="size-row" className={isCurrent ? 'current' : ''}>
                    <td>
                      <label>
                        <input
                          type="radio"
                          name="size"
                          value={size.name}
                          checked={choice === size.name}
                          disabled={isCurrent || busy}
                          onChange={() => setChoice(size.name)}
                        />{' '}
                        {size.name}
                        {isCurrent ? <span className="muted"> (current)</span> : null}
                      </label>
                    </td>
                    <td>{size.vcpu}</td>
                    <td>{size.memoryGiB} GiB</td>
                    <td>{size.hourlyPrice === null ? '—' : formatHourlyPrice(size.hourlyPrice)}</td>
                    <td>
                      {isCurrent
                        ? ''
                        : (formatPriceDelta(current?.hourlyPrice ?? null, size.hourlyPrice) ?? '—')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="stacked-form">
          <label htmlFor={inputId}>New size</label>
          <input
            id={inputId}
            value={typed}
            placeholder="m5.large"
            disabled={busy}
            onChange={(event) => setTyped(event.target.value)}
          />
          <span className="muted">No size list for this region: the provider checks the name.</span>
        </div>
      )}
      {wanted && !valid.success ? (
        <p className="inline-error" role="alert">
          Not an instance type or VM size.
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
          disabled={busy || !valid.success || unchanged}
          onClick={() => onConfirm(wanted)}
        >
          {busy ? 'Working…' : wanted ? `Resize to ${wanted}` : 'Resize'}
        </button>
      </div>
    </Modal>
  );
}

import { sizeNameSchema } from '@ccx/core';
import { useState } from 'react';
import type { InstanceSize } from '@ccx/api/contract';
import { consequence } from '../../compute/actions';
import { formatHourlyPrice, formatPriceDelta, kindOfType } from '../../compute/format';
import { ChoiceTable } from '../../components/ChoiceTable';
import { LabelledInput } from '../../components/LabelledInput';
import { ActionDialog, type ActionDialogProps } from './ActionDialog';

/**
 * Picks a new size from the choices the server offers (same family and neighbours, with vCPU,
 * memory and the monthly price change), or a size typed by hand when the catalog has none for
 * the region. The dialog is the confirmation: it says what the resize will do first.
 */
export function ResizeDialog({
  sizes,
  ...props
}: ActionDialogProps<string> & { sizes: InstanceSize[] }) {
  const { entry, busy } = props;
  const current = sizes.find((size) => size.name === entry.size) ?? null;
  const [choice, setChoice] = useState<string>('');
  const [typed, setTyped] = useState('');
  const wanted = sizes.length > 0 ? choice : typed.trim();
  const valid = sizeNameSchema.safeParse(wanted);
  const unchanged = wanted === entry.size;
  return (
    <ActionDialog
      {...props}
      title={`Resize ${kindOfType(entry.type)} ${entry.name ?? entry.id}`}
      confirmLabel={wanted ? `Resize to ${wanted}` : 'Resize'}
      value={valid.success && !unchanged ? wanted : null}
      problem={wanted && !valid.success ? 'Not an instance type or VM size.' : null}
    >
      <p>
        Now <strong>{entry.size ?? 'unknown'}</strong>
        {current ? ` (${current.vcpu} vCPU, ${current.memoryGiB} GiB)` : ''}.{' '}
        {consequence('compute.resize', entry)}
      </p>
      {sizes.length > 0 ? (
        <ChoiceTable
          label="Sizes"
          name="size"
          columns={['Size', 'vCPU', 'Memory', 'Price', 'Change']}
          rowTestId="size-row"
          chosen={choice}
          disabled={busy}
          onChoose={setChoice}
          choices={sizes.map((size) => {
            const isCurrent = size.name === entry.size;
            return {
              value: size.name,
              label: size.name,
              current: isCurrent,
              cells: [
                size.vcpu,
                `${size.memoryGiB} GiB`,
                size.hourlyPrice === null ? '—' : formatHourlyPrice(size.hourlyPrice),
                isCurrent
                  ? ''
                  : (formatPriceDelta(current?.hourlyPrice ?? null, size.hourlyPrice) ?? '—'),
              ],
            };
          })}
        />
      ) : (
        <div className="stacked-form">
          <LabelledInput
            label="New size"
            value={typed}
            placeholder="m5.large"
            disabled={busy}
            onText={setTyped}
          />
          <span className="muted">No size list for this region: the provider checks the name.</span>
        </div>
      )}
    </ActionDialog>
  );
}

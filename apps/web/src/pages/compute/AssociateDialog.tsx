import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listAddressTargets } from '../../api/compute';
import { describeError } from '../../api/errors';
import { useApiClient } from '../../app/api-context';
import { ChoiceTable } from '../../components/ChoiceTable';
import { StateBadge } from '../../components/StateBadge';
import { accountLabel } from '../../components/account-label';
import { consequence } from '../../compute/actions';
import { ActionDialog, type ActionDialogProps } from './ActionDialog';

/** The instance an address points at now, from its stored attributes. */
export function currentInstanceOf(attributes: Record<string, unknown>): string | null {
  const id = attributes['instanceId'];
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/**
 * Associates an Elastic IP with one of the running or stopped instances of its account and
 * region, listed through the compute list. The dialog is the confirmation.
 */
export function AssociateDialog(props: ActionDialogProps<string>) {
  const { entry, attributes, busy } = props;
  const client = useApiClient();
  const targets = useQuery({
    queryKey: ['compute', 'address-targets', entry.provider, entry.account, entry.region],
    queryFn: ({ signal }) => listAddressTargets(client, entry, signal),
  });
  const [choice, setChoice] = useState('');
  const current = currentInstanceOf(attributes);
  const instances = targets.data?.items ?? [];
  return (
    <ActionDialog
      {...props}
      title={`Associate address ${entry.name ?? entry.id}`}
      confirmLabel="Associate"
      value={choice === '' ? null : choice}
    >
      <p>
        <code>
          {typeof attributes['publicIp'] === 'string' ? attributes['publicIp'] : entry.id}
        </code>{' '}
        in {accountLabel(entry.account, entry.accountAlias)} / {entry.region}.{' '}
        {consequence('compute.associate-address', entry)}
      </p>
      {targets.isPending ? (
        <p className="muted">Loading instances…</p>
      ) : targets.isError ? (
        <p className="inline-error" role="alert">
          {describeError(targets.error)}
        </p>
      ) : instances.length === 0 ? (
        <p className="muted">No running or stopped instance in this account and region.</p>
      ) : (
        <ChoiceTable
          label="Instances"
          name="instance"
          columns={['Instance', 'State', 'Size']}
          rowTestId="instance-row"
          chosen={choice}
          disabled={busy}
          onChoose={setChoice}
          choices={instances.map((instance) => ({
            value: instance.uid,
            label: (
              <>
                {instance.name ?? instance.id} <code>{instance.id}</code>
              </>
            ),
            current: instance.id === current,
            cells: [<StateBadge state={instance.state} />, instance.size ?? '—'],
          }))}
        />
      )}
    </ActionDialog>
  );
}

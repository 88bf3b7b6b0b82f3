import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listAddressTargets } from '../../api/compute';
import { describeError } from '../../api/errors';
import { useApiClient } from '../../app/api-context';
import { ChoiceTable } from '../../components/ChoiceTable';
import { StateBadge } from '../../components/StateBadge';
import { accountLabel } from '../../components/account-label';
import { SearchBox } from '../../components/list/SearchBox';
import { consequence } from '../../compute/actions';
import { computeKeys } from '../../compute/query-keys';
import { ActionDialog, type ActionDialogProps } from './ActionDialog';

/** The instance an address points at now, from its stored attributes. */
export function currentInstanceOf(attributes: Record<string, unknown>): string | null {
  const id = attributes['instanceId'];
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/**
 * Associates an unassociated Elastic IP with one of the running or stopped instances of its
 * account and region, listed through the compute list a page at a time: a search (on the
 * server) finds any instance beyond the first page, and the dialog says when more match than
 * it shows. Only a listed instance can be confirmed. The dialog is the confirmation.
 */
export function AssociateDialog(props: ActionDialogProps<string>) {
  const { entry, attributes, busy } = props;
  const client = useApiClient();
  const [q, setQ] = useState('');
  const targets = useQuery({
    queryKey: computeKeys.addressTargets(entry, q),
    queryFn: ({ signal }) => listAddressTargets(client, entry, q, signal),
    placeholderData: keepPreviousData,
  });
  const [choice, setChoice] = useState('');
  const instances = targets.data?.items ?? [];
  const total = targets.data?.total ?? 0;
  const chosen = instances.some((instance) => instance.uid === choice) ? choice : '';
  return (
    <ActionDialog
      {...props}
      title={`Associate address ${entry.name ?? entry.id}`}
      confirmLabel="Associate"
      value={chosen === '' ? null : chosen}
    >
      <p>
        <code>
          {typeof attributes['publicIp'] === 'string' ? attributes['publicIp'] : entry.id}
        </code>{' '}
        in {accountLabel(entry.account, entry.accountAlias)} / {entry.region}.{' '}
        {consequence('compute.associate-address', entry)}
      </p>
      <SearchBox value={q} onCommit={setQ} />
      {targets.isPending ? (
        <p className="muted">Loading instances…</p>
      ) : targets.isError ? (
        <p className="inline-error" role="alert">
          {describeError(targets.error)}
        </p>
      ) : instances.length === 0 ? (
        <p className="muted">
          {q.trim() === ''
            ? 'No running or stopped instance in this account and region.'
            : 'No running or stopped instance in this account and region matches the search.'}
        </p>
      ) : (
        <>
          {total > instances.length ? (
            <p className="muted" data-testid="instance-count">
              Showing {instances.length} of {total} instances, first by name: search to find
              another.
            </p>
          ) : null}
          <ChoiceTable
            label="Instances"
            name="instance"
            columns={['Instance', 'State', 'Size']}
            rowTestId="instance-row"
            chosen={chosen}
            disabled={busy}
            onChoose={setChoice}
            choices={instances.map((instance) => ({
              value: instance.uid,
              label: (
                <>
                  {instance.name ?? instance.id} <code>{instance.id}</code>
                </>
              ),
              current: false,
              cells: [<StateBadge state={instance.state} />, instance.size ?? '—'],
            }))}
          />
        </>
      )}
    </ActionDialog>
  );
}

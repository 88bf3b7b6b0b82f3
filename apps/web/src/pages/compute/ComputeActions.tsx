import type { ActionInput, ActionName } from '@ccx/core';
import { useCallback, useState } from 'react';
import type { ComputeEntry, InstanceSize } from '@ccx/api/contract';
import { describeError } from '../../api/errors';
import { ACTION_LABELS } from '../../app/action-labels';
import { useCan } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { accountLabel } from '../../components/account-label';
import { actionsForType, consequence, disabledReason } from '../../compute/actions';
import { kindOfType } from '../../compute/format';
import { AssociateDialog, currentInstanceOf } from './AssociateDialog';
import { DeployDialog } from './DeployDialog';
import { ResizeDialog } from './ResizeDialog';
import { ScaleDialog } from './ScaleDialog';
import { useComputeAction } from './use-compute-action';

/** A deploy registers a task-definition revision: the button says what it makes. */
const buttonLabel = (action: ActionName): string =>
  action === 'compute.deploy' ? 'New revision' : ACTION_LABELS[action];

/**
 * The actions a resource's type has, each enabled only when the server lists it in
 * `entry.actions` (the caller's role and the current state allow it). Every action is
 * confirmed first; once accepted, its operation is followed live below the buttons.
 * `attributes` (the stored detail) prefill the deploy and association dialogs.
 */
export function ComputeActions({
  entry,
  sizes,
  attributes = {},
}: {
  entry: ComputeEntry;
  sizes: InstanceSize[];
  attributes?: Record<string, unknown>;
}) {
  const canOperate = useCan('operator');
  const [open, setOpen] = useState<ActionName | null>(null);
  const { run, running, progress } = useComputeAction(entry.uid);
  const close = useCallback(() => {
    setOpen(null);
    run.reset();
  }, [run]);
  /** Sends the action; the dialog closes once the server accepted it, and stays on a refusal. */
  const send = (input: ActionInput) => run.mutate(input, { onSuccess: () => setOpen(null) });

  const actions = actionsForType(entry.type);
  if (actions.length === 0) return null;
  const error = run.isError ? describeError(run.error) : null;
  const target = `${entry.name ?? entry.id}`;
  const dialog = { entry, attributes, busy: run.isPending, error, onCancel: close };
  return (
    <section className="panel actions" aria-label="Actions">
      <div className="button-row">
        {actions.map((action) => {
          const allowed = entry.actions.includes(action);
          return (
            <button
              key={action}
              type="button"
              disabled={!allowed || run.isPending || running}
              title={
                running
                  ? 'Another action is under way'
                  : allowed
                    ? undefined
                    : disabledReason(canOperate)
              }
              onClick={() => {
                run.reset();
                setOpen(action);
              }}
            >
              {buttonLabel(action)}
            </button>
          );
        })}
      </div>
      {progress}
      {open === 'compute.resize' ? (
        <ResizeDialog
          {...dialog}
          sizes={sizes}
          onConfirm={(size) => send({ action: 'compute.resize', size })}
        />
      ) : open === 'compute.scale' ? (
        <ScaleDialog {...dialog} onConfirm={(count) => send({ action: 'compute.scale', count })} />
      ) : open === 'compute.deploy' ? (
        <DeployDialog
          {...dialog}
          onConfirm={(change) => send({ action: 'compute.deploy', ...change })}
        />
      ) : open === 'compute.associate-address' ? (
        <AssociateDialog
          {...dialog}
          onConfirm={(instance) => send({ action: 'compute.associate-address', instance })}
        />
      ) : open ? (
        <ConfirmDialog
          title={`${ACTION_LABELS[open]} ${kindOfType(entry.type)} ${target}?`}
          confirmLabel={ACTION_LABELS[open]}
          busy={run.isPending}
          onCancel={close}
          onConfirm={() => send({ action: open })}
        >
          <p>
            <code>{entry.id}</code> in {accountLabel(entry.account, entry.accountAlias)} /{' '}
            {entry.region}
            {open === 'compute.disassociate-address' && currentInstanceOf(attributes)
              ? `, associated with ${currentInstanceOf(attributes)}`
              : ''}
            . {consequence(open, entry)} The action is written to the audit log.
          </p>
          {error ? (
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

import type { ActionInput, ActionName } from '@ccx/core';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { startAction } from '../../api/compute';
import { describeError } from '../../api/errors';
import type { ComputeEntry, Operation, SizeChoice } from '../../api/schemas/compute';
import { ACTION_LABELS } from '../../api/schemas/resources';
import { useApiClient } from '../../app/api-context';
import { useCan } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { accountLabel } from '../../components/account-label';
import { actionsForType, consequence, disabledReason } from '../../compute/actions';
import { kindOfType } from '../../compute/format';
import { AssociateDialog, currentInstanceOf } from './AssociateDialog';
import { DeployDialog } from './DeployDialog';
import { OperationProgress } from './OperationProgress';
import { ResizeDialog } from './ResizeDialog';
import { ScaleDialog } from './ScaleDialog';

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
  sizes: SizeChoice[];
  attributes?: Record<string, unknown>;
}) {
  const client = useApiClient();
  const canOperate = useCan('operator');
  const [open, setOpen] = useState<ActionName | null>(null);
  const [operation, setOperation] = useState<Operation | null>(null);
  // One action at a time: the server refuses a second while one runs (409), so say it first.
  const [running, setRunning] = useState(false);
  const onStatus = useCallback(
    (status: Operation['status']) => setRunning(status === 'running'),
    [],
  );
  const run = useMutation({
    mutationFn: (input: ActionInput) => startAction(client, entry.uid, input),
    onSuccess: (started) => {
      setOperation(started);
      setOpen(null);
    },
  });
  const close = useCallback(() => {
    setOpen(null);
    run.reset();
  }, [run]);

  const actions = actionsForType(entry.type);
  if (actions.length === 0) return null;
  const error = run.isError ? describeError(run.error) : null;
  const target = `${entry.name ?? entry.id}`;
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
      {operation ? (
        <OperationProgress key={operation.id} initial={operation} onStatus={onStatus} />
      ) : null}
      {open === 'compute.resize' ? (
        <ResizeDialog
          entry={entry}
          sizes={sizes}
          busy={run.isPending}
          error={error}
          onCancel={close}
          onConfirm={(size) => run.mutate({ action: 'compute.resize', size })}
        />
      ) : open === 'compute.scale' ? (
        <ScaleDialog
          entry={entry}
          busy={run.isPending}
          error={error}
          onCancel={close}
          onConfirm={(count) => run.mutate({ action: 'compute.scale', count })}
        />
      ) : open === 'compute.deploy' ? (
        <DeployDialog
          entry={entry}
          attributes={attributes}
          busy={run.isPending}
          error={error}
          onCancel={close}
          onConfirm={(change) => run.mutate({ action: 'compute.deploy', ...change })}
        />
      ) : open === 'compute.associate-address' ? (
        <AssociateDialog
          entry={entry}
          attributes={attributes}
          busy={run.isPending}
          error={error}
          onCancel={close}
          onConfirm={(instance) => run.mutate({ action: 'compute.associate-address', instance })}
        />
      ) : open ? (
        <ConfirmDialog
          title={`${ACTION_LABELS[open]} ${kindOfType(entry.type)} ${target}?`}
          confirmLabel={ACTION_LABELS[open]}
          busy={run.isPending}
          onCancel={close}
          onConfirm={() => run.mutate({ action: open })}
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

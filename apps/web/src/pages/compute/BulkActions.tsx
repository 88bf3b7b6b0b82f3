import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { BulkAccepted, ComputeEntry, Operation } from '@ccx/api/contract';
import { startBulkAction } from '../../api/compute';
import { describeError } from '../../api/errors';
import { ACTION_LABELS } from '../../app/action-labels';
import { useApiClient } from '../../app/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { BULK_ACTIONS, bulkConsequence } from '../../compute/actions';
import type { BulkAction } from '../../compute/actions';
import { RowOperation } from './RowOperation';

/** The API takes at most this many uids a call. */
const MAX_BULK = 100;

/** Splits a selection into the entries the action applies to now and those it skips. */
export function planBulk(
  action: BulkAction,
  entries: readonly ComputeEntry[],
): { apply: ComputeEntry[]; skip: ComputeEntry[] } {
  const apply: ComputeEntry[] = [];
  const skip: ComputeEntry[] = [];
  for (const entry of entries) (entry.actions.includes(action) ? apply : skip).push(entry);
  return { apply, skip };
}

/**
 * Start, stop or reboot the selected rows together. One confirmation lists every row and
 * whether the action applies to it (the server's `actions` for its state and the caller's
 * role); only those are sent. What the server still rejects is listed after.
 */
export function BulkActions({
  selection,
  started,
  onStarted,
  onClear,
}: {
  selection: ComputeEntry[];
  /** Operations this page started, with the name each resource had: their progress is listed
   * here too, since a row may leave a filtered list as its state changes. */
  started: readonly { label: string; operation: Operation }[];
  onStarted: (answer: BulkAccepted) => void;
  onClear: () => void;
}) {
  const client = useApiClient();
  const [open, setOpen] = useState<BulkAction | null>(null);
  const [rejected, setRejected] = useState<BulkAccepted['rejected']>([]);
  const run = useMutation({
    mutationFn: ({ action, uids }: { action: BulkAction; uids: string[] }) =>
      startBulkAction(client, uids, { action }),
    onSuccess: (answer) => {
      setRejected(answer.rejected);
      setOpen(null);
      onStarted(answer);
    },
  });
  const cancel = useCallback(() => {
    setOpen(null);
    run.reset();
  }, [run]);

  const plan = open ? planBulk(open, selection) : null;
  const names = new Map(selection.map((entry) => [entry.uid, entry.name ?? entry.id]));
  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <span data-testid="selection-count">{selection.length} selected</span>
      {BULK_ACTIONS.map((action) => {
        const count = planBulk(action, selection).apply.length;
        return (
          <button
            key={action}
            type="button"
            disabled={count === 0 || run.isPending}
            onClick={() => {
              run.reset();
              setOpen(action);
            }}
          >
            {ACTION_LABELS[action]}
            {count > 0 ? ` (${count})` : ''}
          </button>
        );
      })}
      <button
        type="button"
        className="link-button"
        onClick={onClear}
        disabled={selection.length === 0}
      >
        Clear selection
      </button>
      {started.length > 0 ? (
        <ul className="bulk-progress" aria-label="Actions under way">
          {started.map(({ label, operation }) => (
            <li key={operation.id} data-testid="bulk-operation" data-uid={operation.target}>
              <span>{label}</span>
              <RowOperation initial={operation} />
            </li>
          ))}
        </ul>
      ) : null}
      {rejected.length > 0 ? (
        <ul className="inline-error bulk-rejected" role="alert" aria-label="Rejected">
          {rejected.map((item) => (
            <li key={item.uid}>
              {names.get(item.uid) ?? item.uid}: {item.message}
            </li>
          ))}
        </ul>
      ) : null}
      {open && plan ? (
        <ConfirmDialog
          title={`${ACTION_LABELS[open]} ${plan.apply.length} resource${plan.apply.length === 1 ? '' : 's'}?`}
          confirmLabel={`${ACTION_LABELS[open]} ${plan.apply.length}`}
          busy={run.isPending}
          onCancel={cancel}
          onConfirm={() =>
            run.mutate({ action: open, uids: plan.apply.slice(0, MAX_BULK).map((e) => e.uid) })
          }
        >
          <p>{bulkConsequence(open)} Each action is written to the audit log.</p>
          <ul className="bulk-plan" data-testid="bulk-plan">
            {plan.apply.slice(0, MAX_BULK).map((entry) => (
              <li key={entry.uid}>
                <strong>{entry.name ?? entry.id}</strong>{' '}
                <span className="muted">
                  {entry.state ?? 'unknown'} → {ACTION_LABELS[open].toLowerCase()}
                </span>
              </li>
            ))}
            {plan.skip.map((entry) => (
              <li key={entry.uid} className="muted">
                {entry.name ?? entry.id}: skipped ({entry.state ?? 'unknown state'})
              </li>
            ))}
          </ul>
          {plan.apply.length > MAX_BULK ? (
            <p className="inline-error">Only the first {MAX_BULK} are sent in one go.</p>
          ) : null}
          {run.isError ? (
            <p className="inline-error" role="alert">
              {describeError(run.error)}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

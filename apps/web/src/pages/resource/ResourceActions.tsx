import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { describeError } from '../../api/errors';
import { runResourceAction } from '../../api/resources';
import { ACTION_LABELS } from '../../api/schemas/resources';
import type { ActionName, ResourceDetail } from '../../api/schemas/resources';
import { useApiClient } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { accountLabel } from '../../components/account-label';

/** Noun for the confirmation sentence, from the `service.kind` type (`ec2.instance` → instance). */
function kindOf(type: string): string {
  return type.split('.').pop() ?? type;
}

/**
 * Buttons only for the actions the server says this caller may run now, so a viewer sees
 * none. Every action is confirmed first; the outcome (or the error) stays on screen with the
 * correlation id that finds it in the audit log.
 */
export function ResourceActions({ resource }: { resource: ResourceDetail }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<ActionName | null>(null);
  const run = useMutation({
    mutationFn: (action: ActionName) => runResourceAction(client, resource.uid, action),
    onSettled: async () => {
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: queryKeys.resources });
    },
  });
  const cancel = useCallback(() => setPending(null), []);

  if (resource.actions.length === 0) return null;
  return (
    <section className="panel actions" aria-label="Actions">
      <div className="button-row">
        {resource.actions.map((action) => (
          <button
            key={action}
            type="button"
            onClick={() => setPending(action)}
            disabled={run.isPending}
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
      </div>
      {run.isSuccess ? (
        <p role="status" className="outcome" data-testid="action-outcome">
          {ACTION_LABELS[run.variables]}: {run.data.outcome}
          {run.data.state ? `, state now ${run.data.state}` : ''} (correlation{' '}
          <code>{run.data.correlationId}</code>)
        </p>
      ) : null}
      {run.isError ? (
        <p role="alert" className="inline-error" data-testid="action-outcome">
          {ACTION_LABELS[run.variables]} failed: {describeError(run.error)}
        </p>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={`${ACTION_LABELS[pending]} ${kindOf(resource.type)} ${resource.id} ?`}
          confirmLabel="Confirm"
          busy={run.isPending}
          onCancel={cancel}
          onConfirm={() => run.mutate(pending)}
        >
          <p>
            {resource.name ? (
              <>
                <strong>{resource.name}</strong> in{' '}
              </>
            ) : null}
            {accountLabel(resource.account, resource.accountAlias)} / {resource.region}. The action
            is written to the audit log.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

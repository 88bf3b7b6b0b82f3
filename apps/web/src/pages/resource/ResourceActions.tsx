import { INSTANCE_TYPES, SERVICE_TYPES } from '@ccx/core';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { startAction } from '../../api/compute';
import { describeError } from '../../api/errors';
import type { Operation } from '../../api/schemas/compute';
import { ACTION_LABELS } from '../../api/schemas/resources';
import type { ActionName, ResourceDetail } from '../../api/schemas/resources';
import { useApiClient } from '../../app/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { accountLabel } from '../../components/account-label';
import { computeHref } from '../../compute/url-state';
import { OperationProgress } from '../compute/OperationProgress';

/** Actions that take no parameters; resize and scale need the compute page's dialogs. */
type SimpleAction = 'compute.start' | 'compute.stop' | 'compute.reboot';
const SIMPLE_ACTIONS: readonly ActionName[] = ['compute.start', 'compute.stop', 'compute.reboot'];
const isSimple = (action: ActionName): action is SimpleAction => SIMPLE_ACTIONS.includes(action);

/** Noun for the confirmation sentence, from the `service.kind` type (`ec2.instance` → instance). */
function kindOf(type: string): string {
  return type.split('.').pop() ?? type;
}

/**
 * Buttons only for the actions the server says this caller may run now, so a viewer sees
 * none. Every action is confirmed first; the server accepts it and runs it in the background,
 * and its progress and outcome stay on screen with the correlation id that finds it in the
 * audit log. Resize and scale, which need a size or a count, live on the compute page.
 */
export function ResourceActions({ resource }: { resource: ResourceDetail }) {
  const client = useApiClient();
  const [pending, setPending] = useState<SimpleAction | null>(null);
  const [operation, setOperation] = useState<Operation | null>(null);
  const run = useMutation({
    mutationFn: (action: SimpleAction) => startAction(client, resource.uid, { action }),
    onSuccess: (started) => setOperation(started),
    onSettled: () => setPending(null),
  });
  const cancel = useCallback(() => setPending(null), []);

  const compute = INSTANCE_TYPES.has(resource.type) || SERVICE_TYPES.has(resource.type);
  const simple = resource.actions.filter(isSimple);
  if (simple.length === 0 && !compute) return null;
  return (
    <section className="panel actions" aria-label="Actions">
      <div className="button-row">
        {simple.map((action) => (
          <button
            key={action}
            type="button"
            onClick={() => setPending(action)}
            disabled={run.isPending}
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
        {compute ? (
          <Link to={computeHref(resource.uid)} className="compute-link">
            Metrics, recommendations and all actions on the Compute page
          </Link>
        ) : null}
      </div>
      {operation ? <OperationProgress key={operation.id} initial={operation} /> : null}
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

import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { ActionName } from '@ccx/core';
import type { ResourceDetail } from '@ccx/api/contract';
import { describeError } from '../../api/errors';
import { ACTION_LABELS } from '../../app/action-labels';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { accountLabel } from '../../components/account-label';
import { useComputeAction } from '../compute/use-compute-action';
import { computeLinkOf } from './compute-link';

/** Actions that take no parameters; the others need the compute page's dialogs. */
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
 * audit log. The actions that need a form (resize, scale, a new revision, an association)
 * live on the compute page, which every compute resource (and a service's task) links to.
 */
export function ResourceActions({ resource }: { resource: ResourceDetail }) {
  const [pending, setPending] = useState<SimpleAction | null>(null);
  const { run, running, progress } = useComputeAction(resource.uid);
  const cancel = useCallback(() => setPending(null), []);

  const link = computeLinkOf(resource);
  const simple = resource.actions.filter(isSimple);
  if (simple.length === 0 && !link) return null;
  return (
    <section className="panel actions" aria-label="Actions">
      <div className="button-row">
        {simple.map((action) => (
          <button
            key={action}
            type="button"
            onClick={() => setPending(action)}
            disabled={run.isPending || running}
            title={running ? 'Another action is under way' : undefined}
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
        {link ? (
          <Link to={link.href} className="compute-link">
            {link.label}
          </Link>
        ) : null}
      </div>
      {progress}
      {run.isError ? (
        <p role="alert" className="inline-error" data-testid="action-outcome">
          {ACTION_LABELS[run.variables.action]} failed: {describeError(run.error)}
        </p>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={`${ACTION_LABELS[pending]} ${kindOf(resource.type)} ${resource.id} ?`}
          confirmLabel="Confirm"
          busy={run.isPending}
          onCancel={cancel}
          onConfirm={() => run.mutate({ action: pending }, { onSettled: () => setPending(null) })}
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

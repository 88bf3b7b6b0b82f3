import type { Operation } from '@ccx/api/contract';
import { useOperation } from '../../compute/use-operation';

/** A bulk action's progress on one row: its latest step while it runs, then how it ended. */
export function RowOperation({ initial }: { initial: Operation }) {
  const { data: operation, error } = useOperation(initial);
  const last = operation.steps.at(-1);
  const text =
    operation.status === 'running'
      ? `${last?.step ?? 'accepted'}…`
      : operation.status === 'succeeded'
        ? `done${operation.state ? `: ${operation.state}` : ''}`
        : `failed${operation.error ? `: ${operation.error.message}` : ''}`;
  return (
    <div
      className={`row-operation row-operation-${operation.status}`}
      data-testid="row-operation"
      data-status={operation.status}
      role="status"
    >
      {text}
      {operation.warning ? (
        <span className="inline-warning" title={operation.warning}>
          {' '}
          (inventory not updated until the next sync)
        </span>
      ) : null}
      {error ? <span className="inline-error"> (lost track of it)</span> : null}
    </div>
  );
}

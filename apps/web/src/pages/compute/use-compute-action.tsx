import type { ActionInput } from '@ccx/core';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import type { Operation } from '@ccx/api/contract';
import { startAction } from '../../api/compute';
import { useApiClient } from '../../app/api-context';
import { OperationProgress } from './OperationProgress';

/**
 * Starts actions on one resource and follows the last one accepted. `progress` is that
 * operation's live view (nothing before the first); `running` holds while it runs, since the
 * server refuses a second action on a busy resource (409) and the buttons should say so first.
 * A newer operation replaces the view of the previous one.
 */
export function useComputeAction(uid: string): {
  run: UseMutationResult<Operation, Error, ActionInput>;
  running: boolean;
  progress: ReactNode;
} {
  const client = useApiClient();
  const [operation, setOperation] = useState<Operation | null>(null);
  const [running, setRunning] = useState(false);
  const onStatus = useCallback(
    (status: Operation['status']) => setRunning(status === 'running'),
    [],
  );
  const run = useMutation({
    mutationFn: (input: ActionInput) => startAction(client, uid, input),
    onSuccess: (started) => setOperation(started),
  });
  const progress = operation ? (
    <OperationProgress key={operation.id} initial={operation} onStatus={onStatus} />
  ) : null;
  return { run, running, progress };
}

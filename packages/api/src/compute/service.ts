import type { Logger } from 'pino';
import type { AuditWriter } from '../audit/audit-writer';
import type { ApiDeps } from '../deps';
import type { ComputeReadDeps } from './list-entries';
import { createOperationRegistry, type OperationRegistry } from './operations';
import type { ActionDeps } from './start-action';

/** What the compute, action and operation routes share: one registry of operations. */
export interface ComputeService {
  operations: OperationRegistry;
  actions: ActionDeps;
  reads: ComputeReadDeps;
  /** Aborts running operations and waits until each has audited its outcome. */
  close(): Promise<void>;
}

/** What the compute service is built from; the routes' shared context is one. */
export interface ComputeServiceContext {
  deps: Pick<ApiDeps, 'store' | 'connections' | 'outcomeAuditRetryDelaysMs'>;
  now: () => Date;
  logger: Logger;
  audit: AuditWriter;
}

export function createComputeService(ctx: ComputeServiceContext): ComputeService {
  const { store, connections, outcomeAuditRetryDelaysMs } = ctx.deps;
  const operations = createOperationRegistry({
    now: ctx.now,
    ...(outcomeAuditRetryDelaysMs === undefined
      ? {}
      : { finishRetryDelaysMs: outcomeAuditRetryDelaysMs }),
    onFinishError: (error, operation) =>
      ctx.logger.error(
        { err: error, operation: operation.id, target: operation.target },
        'could not record the outcome of an action',
      ),
  });
  return {
    operations,
    actions: { store, connections, audit: ctx.audit, operations, logger: ctx.logger },
    reads: { store, connections, isBusy: (uid) => operations.isBusy(uid), now: ctx.now },
    close: () => operations.close(),
  };
}

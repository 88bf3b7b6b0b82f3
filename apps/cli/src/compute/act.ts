import {
  ACTIONS,
  COMPUTE_TYPES,
  actionInputSchema,
  conflict,
  notFound,
  formatComputeUri,
  parseComputeUri,
  resourceUid,
  invalidInput,
  type ActionInput,
  type ActionProgress,
  type ComputeActions,
  type ComputeStatus,
  type ProviderConnection,
  type ResourceRef,
} from '@ccx/core';
import {
  attributesFromStatus,
  executeAction,
  freeDisplacedAddresses,
  planAction,
  type ActionPlan,
} from '@ccx/api';
import type { Store } from '@ccx/store';
import { UNAUDITED_OUTCOME_WARNING } from '../storage/audit';
import type { ComputeSession } from './session';
import { withStoredAttributes, type ActionSubject } from './stored-checks';

/** A resource named on the command line, with the connection that acts on it. */
export interface ActionTarget {
  uri: string;
  uid: string;
  ref: ResourceRef;
  compute: ComputeActions;
  connection: string;
  /** What the provider says now: the state an action is checked against. */
  status: ComputeStatus;
  plan: ActionPlan;
  /** For an association: the instance the address goes to, as the provider reads it. */
  instance: ActionSubject | null;
}

/**
 * Checks an action built from the command line as the API checks its body, so a hostile
 * container name, image or uid is refused with the field and the reason (exit code 2).
 */
export function parseActionInput(body: Record<string, unknown>): ActionInput {
  const parsed = actionInputSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.');
  throw invalidInput(`${field ? `${field}: ` : ''}${issue?.message ?? 'invalid action'}`);
}

export function parseUri(input: string): ResourceRef {
  try {
    return parseComputeUri(input);
  } catch (error) {
    throw invalidInput(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The connection that acts on `ref`: of the right provider, with compute for its type, and
 * (when several qualify) the one whose scopes include its account and region.
 */
async function connectionFor(
  connections: ReadonlyMap<string, ProviderConnection>,
  ref: ResourceRef,
): Promise<ProviderConnection> {
  const candidates = [...connections.values()].filter(
    (c) => c.provider === ref.provider && c.compute?.types.includes(ref.type),
  );
  if (candidates.length <= 1) {
    if (candidates[0]) return candidates[0];
    throw conflict(`No configured connection acts on ${ref.provider} ${ref.type}`);
  }
  for (const candidate of candidates) {
    const scopes = await candidate.scopes();
    if (scopes.some((s) => s.account === ref.account && s.region === ref.region)) return candidate;
  }
  return candidates[0]!;
}

/**
 * What the provider says about `ref` now. An Elastic IP has no `describe` (no power state to
 * follow): it is read from its scope's inventory listing, association included.
 */
async function readLive(
  connection: ProviderConnection,
  ref: ResourceRef,
): Promise<{ status: ComputeStatus; subject: ActionSubject }> {
  if (ref.type === COMPUTE_TYPES.ec2Address && connection.inventory) {
    const scope = {
      provider: ref.provider,
      connection: connection.name,
      account: ref.account,
      region: ref.region,
    };
    for await (const address of connection.inventory.list(scope, ref.type)) {
      if (address.id !== ref.id) continue;
      return {
        status: { state: address.state, size: null },
        subject: { ...ref, state: address.state, attributes: address.attributes },
      };
    }
    throw notFound(`Elastic IP ${ref.id}`);
  }
  const status = await connection.compute!.describe(ref);
  return {
    status,
    subject: { ...ref, state: status.state, attributes: attributesFromStatus(ref.type, status) },
  };
}

/**
 * Resolves and checks an action on one URI before anything is sent: the provider's reading of
 * the resource decides whether its state allows the action, as the API decides from the store;
 * an association reads its instance from the provider too. A deploy also reads the stored
 * service, as the API does, for what the provider's reading lacks (its containers).
 */
export async function prepareAction(
  session: ComputeSession,
  named: string,
  input: ActionInput,
): Promise<ActionTarget> {
  const ref = parseUri(named);
  const connection = await connectionFor(session.connections, ref);
  const compute = connection.compute!;
  const live = await readLive(connection, ref);
  const { status } = live;
  const uid = resourceUid(ref);
  const uri = formatComputeUri(ref);
  const subject = await withStoredAttributes(() => session.store(), uid, live.subject, input);
  let instance: ActionSubject | null = null;
  if (input.action === 'compute.associate-address') {
    const instanceRef = parseUri(input.instance);
    if (instanceRef.type === COMPUTE_TYPES.ec2Instance) {
      const owner = await connectionFor(session.connections, instanceRef);
      instance = (await readLive(owner, instanceRef)).subject;
    }
  }
  const plan = planAction(subject, compute, input, { instance });
  return { uri, uid, ref, compute, connection: connection.name, status, plan, instance };
}

/** How a running action reports back to the terminal. */
export interface ActionHooks {
  onProgress: (progress: ActionProgress) => void;
  /**
   * Something went wrong after the provider had acted: the action itself stands. `message` is
   * the outcome's warning with the resource's URI and, for the terminal only, the store's reason.
   */
  onWarning: (message: string) => void;
  signal: AbortSignal;
}

/** What `--json` prints for each resource once its action has ended. */
export interface ActionOutcome {
  uri: string;
  action: string;
  state: string | null;
  size: string | null;
  desiredCount: number | null;
  runningCount: number | null;
  /**
   * Set when the provider acted but the local inventory or the audit log could not follow;
   * null otherwise. Fixed messages, as in the audit entry: the store's own error goes to stderr
   * only.
   */
  warning: string | null;
}

/**
 * Sends the action with the audit trail (`pending` before, the outcome after, as
 * `cli:<user>`), follows it to its target, and writes the provider's reading to the store
 * when the resource is stored there. An association also frees, in the store, the address
 * EC2 moved aside from the instance, as the API does. Once the provider has acted, a store
 * that cannot follow is a warning, never the action's failure; the store is written before
 * the outcome is audited, so the `success` entry carries the warning, as the API's does. The
 * warning says what could not be recorded; the store's error, which may name files, hosts or
 * SQL, reaches the terminal and never the audit log that viewers read. The outcome's entry is
 * retried as the API's operations retry theirs; one the audit log still refuses is a warning
 * too, and the action's own result or error stands.
 */
export async function runAction(
  session: ComputeSession,
  target: ActionTarget,
  hooks: ActionHooks,
): Promise<ActionOutcome> {
  const { onProgress, signal } = hooks;
  const { input } = target.plan;
  const { action: _action, ...parameters } = input;
  const warnings: string[] = [];
  const warn = (message: string, cause: unknown) => {
    warnings.push(message);
    hooks.onWarning(`${target.uri}: ${message} (cause: ${reasonOf(cause)})`);
  };
  const warning = () => (warnings.length === 0 ? null : warnings.join('; '));
  const executed = await session.audit.record(
    input.action,
    target.uid,
    {
      connection: target.connection,
      uri: target.uri,
      previousState: target.status.state,
      previousSize: target.status.size,
      ...target.plan.audit,
      ...parameters,
    },
    async () => {
      const done = await executeAction(target.compute, target.ref, target.plan, {
        signal,
        onProgress,
      });
      await followInStore(session, target, done, warn);
      return done;
    },
    (error) => warn(UNAUDITED_OUTCOME_WARNING, error),
    ({ result, status }) => ({
      ...result.detail,
      state: status.state,
      size: status.size,
      ...(warnings.length === 0 ? {} : { warning: warning() }),
    }),
  );
  return {
    uri: target.uri,
    action: input.action,
    state: executed.status.state,
    size: executed.status.size,
    desiredCount: executed.status.desiredCount ?? null,
    runningCount: executed.status.runningCount ?? null,
    warning: warning(),
  };
}

/**
 * Writes what the provider did to the store: the resource's new reading and, after an
 * association, the address EC2 moved aside. Neither throws: a store that cannot follow is a
 * warning on the action that happened.
 */
async function followInStore(
  session: ComputeSession,
  target: ActionTarget,
  executed: Awaited<ReturnType<typeof executeAction>>,
  warn: (message: string, cause: unknown) => void,
): Promise<void> {
  // Opened already: the pending entry was written to it.
  const store = await session.store();
  await refreshStored(store, target, executed.status.state, executed.attributes, warn);
  if (target.plan.input.action === 'compute.associate-address' && target.instance) {
    const address = { uid: target.uid, ...target.ref };
    const failure = await freeDisplacedAddresses(store, address, target.instance.id);
    if (failure)
      warn(
        `associated, but the local inventory could not be updated: the address EC2 moved aside from ${failure.instanceId} may still show as in use until the next sync corrects it`,
        failure.error,
      );
  }
}

/** Why the local inventory or the audit log could not follow an action, for the terminal only. */
const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Writes the provider's reading after the action to the store. The action happened whatever
 * the store does: a write that fails is a warning, and the next sync corrects the stored
 * state, rather than the done action reported as failed (as the API does).
 */
async function refreshStored(
  store: Store,
  target: ActionTarget,
  state: string | null,
  attributes: Record<string, unknown>,
  onWarning: (message: string, cause: unknown) => void,
): Promise<void> {
  try {
    await store.resources.refreshLive(target.uid, { state, attributes });
  } catch (error) {
    onWarning(
      'the action succeeded, but the local inventory could not be updated: it may show the previous state until the next sync corrects it',
      error,
    );
  }
}

export const actionLabel = (input: ActionInput): string => {
  const label = ACTIONS[input.action].label.toLowerCase();
  if (input.action === 'compute.resize') return `${label} to ${input.size}`;
  if (input.action === 'compute.scale') return `${label} to ${input.count}`;
  if (input.action === 'compute.associate-address')
    return `${label} ${formatComputeUri(parseUri(input.instance))} with`;
  if (input.action === 'compute.deploy') {
    const parts = [
      ...Object.entries(input.images ?? {}).map(([name, image]) => `${name}=${image}`),
      ...(input.cpu ? [`cpu ${input.cpu}`] : []),
      ...(input.memory ? [`memory ${input.memory}`] : []),
    ];
    return `${label} a new revision (${parts.join(', ')}) to`;
  }
  return label;
};

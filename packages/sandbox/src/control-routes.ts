import type { FaultInjector } from './faults/fault-injector';
import { FaultSpecError, formatFaultSpec } from './faults/fault-spec';
import type { StatsCounter } from './stats';

export interface ControlReply {
  status: number;
  json: unknown;
}

export interface ControlDeps {
  stats: StatsCounter;
  faults: FaultInjector;
  now: () => number;
  health: () => Record<string, unknown>;
}

/**
 * The sandbox's own endpoints under `/_sandbox/`: health, counters and faults. They never reach
 * the AWS router, are never counted, and never have faults injected into them, so a test can
 * read the stats of a sandbox that is failing every AWS call.
 */
export function controlRoute(
  deps: ControlDeps,
  method: string,
  path: string,
  body: string,
): ControlReply {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /_sandbox/health':
      return { status: 200, json: { status: 'ok', sandbox: true, ...deps.health() } };
    case 'GET /_sandbox/stats':
      return { status: 200, json: deps.stats.snapshot() };
    case 'POST /_sandbox/stats/reset':
      deps.stats.reset(deps.now());
      return { status: 200, json: deps.stats.snapshot() };
    case 'GET /_sandbox/faults':
      return { status: 200, json: { faults: formatFaultSpec(deps.faults.current()) } };
    case 'PUT /_sandbox/faults':
      try {
        deps.faults.set(body.trim());
      } catch (error) {
        if (error instanceof FaultSpecError) return { status: 400, json: { error: error.message } };
        throw error;
      }
      return { status: 200, json: { faults: formatFaultSpec(deps.faults.current()) } };
    default:
      return { status: 404, json: { error: `No sandbox route ${route}` } };
  }
}

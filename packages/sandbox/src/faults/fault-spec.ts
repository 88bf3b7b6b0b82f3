import { z } from 'zod';

/**
 * Faults for one service (or for all): added latency, the odds of a throttle or a 5xx, and a
 * number of requests to throttle outright. The count is what a test uses when it needs a
 * throttle to happen whatever the order of its calls; it starts again whenever a spec is set.
 */
export interface FaultRates {
  latencyMs: number;
  throttle: number;
  error: number;
  throttleNext: number;
}

/** Global rates plus per-service overrides; a service entry replaces only the fields it names. */
export interface FaultSpec {
  all: FaultRates;
  services: Record<string, Partial<FaultRates>>;
}

export const NO_FAULTS: FaultSpec = {
  all: { latencyMs: 0, throttle: 0, error: 0, throttleNext: 0 },
  services: {},
};

const MAX_THROTTLE_NEXT = 10_000;

export const faultRatesSchema = z.object({
  latencyMs: z.number().int().min(0).max(60_000),
  throttle: z.number().min(0).max(1),
  error: z.number().min(0).max(1),
  throttleNext: z.number().int().min(0).max(MAX_THROTTLE_NEXT),
});

export const faultSpecSchema = z.object({
  all: faultRatesSchema,
  services: z.record(z.string().regex(/^[a-z0-9-]+$/), faultRatesSchema.partial()),
});

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

const FIELD_OF = {
  latency: 'latencyMs',
  throttle: 'throttle',
  error: 'error',
  throttleNext: 'throttleNext',
} as const;
type Knob = keyof typeof FIELD_OF;

function isKnob(name: string): name is Knob {
  return Object.hasOwn(FIELD_OF, name);
}

function parseValue(part: string, knob: Knob, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new FaultSpecError(`Fault spec part '${part}': '${raw}' is not a number.`);
  }
  if (knob === 'latency') {
    if (!Number.isInteger(value) || value < 0 || value > 60_000) {
      throw new FaultSpecError(
        `Fault spec part '${part}': latency must be a whole number of milliseconds from 0 to 60000.`,
      );
    }
  } else if (knob === 'throttleNext') {
    if (!Number.isInteger(value) || value < 0 || value > MAX_THROTTLE_NEXT) {
      throw new FaultSpecError(
        `Fault spec part '${part}': throttleNext is a whole number of requests from 0 to ${MAX_THROTTLE_NEXT}.`,
      );
    }
  } else if (value < 0 || value > 1) {
    throw new FaultSpecError(
      `Fault spec part '${part}': ${knob} is a probability and must be between 0 and 1.`,
    );
  }
  return value;
}

/**
 * Parses `latency=50,throttle=0.3,error=0.05` with optional per-service prefixes
 * (`ec2.throttle=0.5,sts.error=0.1`); `azure.throttleNext=2` throttles the next two requests of
 * that service before its rates apply. The empty string means no faults. Errors name the
 * offending part and what was expected, because the spec is typed by hand on a command line.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = { all: { ...NO_FAULTS.all }, services: {} };
  for (const rawPart of text.split(',')) {
    const part = rawPart.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1)
      throw new FaultSpecError(
        `Fault spec part '${part}': expected KEY=VALUE, e.g. latency=50 or ec2.throttle=0.3.`,
      );
    const key = part.slice(0, eq).trim();
    const dot = key.lastIndexOf('.');
    const service = dot === -1 ? null : key.slice(0, dot);
    const knob = dot === -1 ? key : key.slice(dot + 1);
    if (!isKnob(knob))
      throw new FaultSpecError(
        `Fault spec part '${part}': unknown key '${knob}'; expected latency, throttle, error or throttleNext.`,
      );
    if (service !== null && !/^[a-z0-9-]+$/.test(service)) {
      throw new FaultSpecError(
        `Fault spec part '${part}': '${service}' is not a service name (lower-case, e.g. ec2 or sts).`,
      );
    }
    const value = parseValue(part, knob, part.slice(eq + 1).trim());
    if (service === null) spec.all[FIELD_OF[knob]] = value;
    else spec.services[service] = { ...spec.services[service], [FIELD_OF[knob]]: value };
  }
  return spec;
}

/** The rates that apply to `service`. */
export function ratesFor(spec: FaultSpec, service: string): FaultRates {
  return { ...spec.all, ...spec.services[service] };
}

/** Inverse of parseFaultSpec, for logs and for passing a spec to a child process. */
export function formatFaultSpec(spec: FaultSpec): string {
  const parts: string[] = [];
  const add = (prefix: string, rates: Partial<FaultRates>) => {
    if (rates.latencyMs) parts.push(`${prefix}latency=${rates.latencyMs}`);
    if (rates.throttle) parts.push(`${prefix}throttle=${rates.throttle}`);
    if (rates.error) parts.push(`${prefix}error=${rates.error}`);
    if (rates.throttleNext) parts.push(`${prefix}throttleNext=${rates.throttleNext}`);
  };
  add('', spec.all);
  for (const [service, rates] of Object.entries(spec.services)) add(`${service}.`, rates);
  return parts.join(',');
}

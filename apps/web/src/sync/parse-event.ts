import { syncEventSchema, type SyncEvent } from '@ccx/api/contract';

/**
 * Parses one SSE `data:` payload. Events of a type this client does not know (a newer server)
 * yield null and are ignored; malformed JSON is a server fault and throws.
 */
export function parseSyncEventData(data: string): SyncEvent | null {
  const json: unknown = JSON.parse(data);
  const parsed = syncEventSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const known =
    typeof json === 'object' && json !== null && 'type' in json && isKnownType(json.type);
  if (known)
    throw new Error(`Malformed sync event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return null;
}

const KNOWN = new Set([
  'run.started',
  'job.started',
  'job.progress',
  'job.retry',
  'job.completed',
  'job.failed',
  'run.completed',
]);

function isKnownType(type: unknown): boolean {
  return typeof type === 'string' && KNOWN.has(type);
}

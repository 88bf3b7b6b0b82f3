/** Tone per lifecycle state; anything unknown is neutral rather than guessed. */
const TONES: Record<string, 'ok' | 'warn' | 'bad' | 'idle'> = {
  running: 'ok',
  available: 'ok',
  active: 'ok',
  pending: 'warn',
  starting: 'warn',
  stopping: 'warn',
  'shutting-down': 'warn',
  rebooting: 'warn',
  stopped: 'idle',
  terminated: 'bad',
  deleted: 'bad',
  failed: 'bad',
  error: 'bad',
};

export function StateBadge({ state }: { state: string | null }) {
  if (state === null) return <span className="badge badge-idle">unknown</span>;
  const tone = TONES[state.toLowerCase()] ?? 'neutral';
  return <span className={`badge badge-${tone}`}>{state}</span>;
}

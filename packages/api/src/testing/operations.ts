import type { Harness, Caller } from './harness';

export interface OperationBody {
  id: string;
  action: string;
  target: string;
  correlationId: string;
  status: 'running' | 'succeeded' | 'failed';
  steps: { step: string; state: string | null; at: string; message?: string }[];
  state: string | null;
  size: string | null;
  error: { code: string; message: string } | null;
  warning: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/**
 * Polls an operation until it has ended. Operations run in the background on the event loop,
 * so each poll yields to it; the bound only stops a broken test from spinning forever.
 */
export async function settled(h: Harness, id: string, as: Caller): Promise<OperationBody> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const response = await h.request(`/api/operations/${id}`, { as });
    if (response.status !== 200) throw new Error(`operation ${id}: HTTP ${response.status}`);
    const body = (await response.json()) as OperationBody;
    if (body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`operation ${id} did not end`);
}

/** A promise to release by hand, for holding a provider call while a test looks around. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

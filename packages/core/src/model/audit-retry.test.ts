import { describe, expect, it } from 'vitest';
import { retryOutcomeAudit } from './audit-retry';

/** A write that throws its first `failures` calls, counting every call. */
function flakyWrite(failures: number) {
  let calls = 0;
  const write = () => {
    calls += 1;
    return calls <= failures ? Promise.reject(new Error(`refused ${calls}`)) : Promise.resolve();
  };
  return { write, calls: () => calls };
}

describe('retryOutcomeAudit', () => {
  it('retries after each pause and resolves with null once a write lands', async () => {
    const flaky = flakyWrite(2);
    await expect(retryOutcomeAudit(flaky.write, [0, 0, 0])).resolves.toBeNull();
    expect(flaky.calls()).toBe(3);
  });

  it('gives up after the last pause with what the last attempt threw', async () => {
    const flaky = flakyWrite(Infinity);
    const unaudited = await retryOutcomeAudit(flaky.write, [0, 0]);
    expect(flaky.calls()).toBe(3);
    expect(unaudited?.error).toMatchObject({ message: 'refused 3' });
  });
});

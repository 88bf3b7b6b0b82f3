import { describe, expect, it } from 'vitest';
import { createSyncService } from './service';
import { fakeConnection } from './testing/fake-inventory';
import { MemoryRunLog, memoryLogger } from './testing/memory-run-log';
import { MemorySink } from './testing/memory-sink';

describe('closing the sync service', () => {
  it('aborts a running run, records it as failed, deletes nothing and refuses new runs', async () => {
    const connection = fakeConnection({
      name: 'prod',
      scopes: [{ account: '111111111111', region: 'us-east-1', count: 1000 }],
      pageSize: 10,
      pageDelayMs: 5,
    });
    const sink = new MemorySink();
    const runs = new MemoryRunLog();
    const service = createSyncService({
      connections: [connection],
      sink,
      runs,
      logger: memoryLogger(),
    });
    const { runId } = await service.start('test');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await service.close();
    expect(runs.runs.get(runId)?.status).toBe('failed');
    expect(sink.calls.some((call) => call.kind === 'complete')).toBe(false);
    await expect(service.start('again')).rejects.toMatchObject({ code: 'unavailable' });
  });
});

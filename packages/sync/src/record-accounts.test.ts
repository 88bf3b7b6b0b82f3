import { describe, expect, it } from 'vitest';
import { recordAccounts } from './record-accounts';
import { memoryLogger } from './testing/memory-run-log';
import { MemorySink } from './testing/memory-sink';
import type { SeenAccount } from './types';

const prod: SeenAccount = {
  provider: 'aws',
  account: '111111111111',
  connection: 'org',
  alias: 'prod',
};

describe('recordAccounts', () => {
  it('hands the accounts to a sink that records them', async () => {
    const sink = new MemorySink();
    const errors = await recordAccounts(sink, [prod], { runId: 'r1', logger: memoryLogger() });
    expect(errors).toEqual([]);
    expect(sink.recordedAccounts).toEqual([[prod]]);
  });

  it('does nothing for a sink without the member, or with no accounts', async () => {
    const sink = new MemorySink();
    const bare = {
      applyBatch: sink.applyBatch.bind(sink),
      completeListing: sink.completeListing.bind(sink),
    };
    const context = { runId: 'r1', logger: memoryLogger() };
    expect(await recordAccounts(bare, [prod], context)).toEqual([]);
    expect(await recordAccounts(sink, [], context)).toEqual([]);
    expect(sink.recordedAccounts).toEqual([]);
  });

  it('turns a failure into a run error instead of losing it', async () => {
    const sink = new MemorySink();
    sink.recordAccounts = () => Promise.reject(new Error('disk full'));
    const errors = await recordAccounts(sink, [prod], { runId: 'r1', logger: memoryLogger() });
    expect(errors).toEqual([{ scope: '*', type: 'accounts', message: 'disk full' }]);
  });
});

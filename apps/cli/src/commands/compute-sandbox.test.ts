import { describe, expect, it } from 'vitest';
import { useComputeSandbox } from '../compute-sandbox-harness';
import { UNAUDITED_OUTCOME_WARNING } from '../storage/audit';

/**
 * `ccx compute` end to end on the sandbox: the config `ccx sandbox` writes, the real AWS
 * provider and SDKs, and the sandbox's EC2 and CloudWatch, with state transitions shortened
 * to a few milliseconds. Nothing is mocked.
 */
const { ccx, auditOf, sync, stored, refuseUpdates, refuseOutcomeAudits } = useComputeSandbox();

interface Listing {
  uri: string;
  uid: string;
  provider: string;
  type: string;
  state: string | null;
  size: string | null;
  desiredCount: number | null;
}

/** A running instance as `ccx compute ls --json` lists it. */
async function aRunningInstance(): Promise<Listing> {
  const listed = await ccx('ls', '--type', 'ec2.instance', '--json');
  const running = (JSON.parse(listed.stdout) as Listing[]).find((i) => i.state === 'running');
  expect(running).toBeDefined();
  return running!;
}

/** Runs `ccx compute` with a store refusal in place (`lift` ends it), lifting it afterwards. */
async function whileRefused(lift: () => void, ...args: string[]) {
  try {
    return await ccx(...args);
  } finally {
    lift();
  }
}

describe('ccx compute against the sandbox', () => {
  it('lists instances live with their uri, state and size', async () => {
    const listed = await ccx('ls', '--type', 'ec2.instance', '--json');
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout) as Listing[];
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const item of items) {
      expect(item).toMatchObject({ provider: 'aws', type: 'ec2.instance' });
      expect(item.uri).toMatch(/^aws:\/\/\d{12}\/us-east-1\/ec2\.instance\/i-/);
      expect(item.size).toMatch(/\./);
    }
    const human = await ccx('ls', '--type', 'ec2.instance');
    expect(human.stdout.split('\n')[0]).toMatch(/^NAME\s+STATE\s+SIZE\s+REGION\s+ACCOUNT\s+URI$/);
    expect((await ccx('ls', '--type', 'ec2.bogus')).code).toBe(2);
  });

  it('refuses to act without a terminal or --yes, then stops, resizes and starts with an audit trail', async () => {
    const items = JSON.parse(
      (await ccx('ls', '--type', 'ec2.instance', '--json')).stdout,
    ) as Listing[];
    const running = items.find((i) => i.state === 'running');
    expect(running).toBeDefined();
    const uri = running!.uri;

    const refused = await ccx('stop', uri);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');

    const stopped = await ccx('stop', uri, '--yes', '--json');
    expect(stopped.stderr).toContain(`${uri}: accepted (stopping)`);
    expect(stopped.code).toBe(0);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ uri, state: 'stopped', warning: null });

    // Stopped twice is refused before anything is sent.
    expect((await ccx('stop', uri, '--yes')).code).toBe(1);

    const target = running!.size === 'm5.xlarge' ? 'm5.large' : 'm5.xlarge';
    const resized = await ccx('resize', uri, '--size', target, '--yes', '--json');
    expect(resized.code).toBe(0);
    expect(JSON.parse(resized.stdout)).toMatchObject({ uri, state: 'stopped', size: target });
    expect((await ccx('resize', uri, '--size', 'not a size', '--yes')).code).toBe(2);

    const started = await ccx('start', uri, '--yes', '--json');
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ state: 'running', size: target });

    const events = await auditOf(running!.uid);
    expect(events.map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'compute.stop pending',
      'compute.stop success',
      'compute.resize pending',
      'compute.resize success',
      'compute.start pending',
      'compute.start success',
    ]);
    expect(events[0]!.actor.id).toMatch(/^cli:/);
  });

  it('reports a stop the provider made as done, with a warning, when the store cannot record it', async () => {
    const synced = await sync();
    expect(synced.code, synced.stderr).toBe(0);
    const running = await aRunningInstance();
    expect(await stored(running.uid)).toMatchObject({ state: 'running' });

    const stopped = await whileRefused(
      refuseUpdates(running.uid, 'database is locked'),
      'stop',
      running.uri,
      '--yes',
      '--json',
    );
    expect(stopped.code, stopped.stderr).toBe(0);
    const outcome = JSON.parse(stopped.stdout) as { warning: string | null };
    expect(outcome).toMatchObject({ uri: running.uri, state: 'stopped' });
    expect(outcome.warning).toBe(
      'the action succeeded, but the local inventory could not be updated: it may show the previous state until the next sync corrects it',
    );
    // The store's reason is for the person at the terminal only.
    expect(stopped.stderr).toContain(
      `warning: ${running.uri}: ${outcome.warning} (cause: database is locked)\n`,
    );
    expect(stopped.stderr).not.toContain('ccx:');
    const events = await auditOf(running.uid);
    expect(events.slice(-2).map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'compute.stop pending',
      'compute.stop success',
    ]);
    expect(events.at(-1)!.detail).toMatchObject({ state: 'stopped', warning: outcome.warning });
    expect(JSON.stringify(events.at(-1)!.detail)).not.toContain('database is locked');
    // The store could not follow; the next sync reads the stopped instance.
    expect(await stored(running.uid)).toMatchObject({ state: 'running' });
    const resynced = await sync();
    expect(resynced.code, resynced.stderr).toBe(0);
    expect(await stored(running.uid)).toMatchObject({ state: 'stopped' });
  });

  it('retries an outcome the audit log refused, writing it once', async () => {
    const running = await aRunningInstance();

    const rebooted = await whileRefused(
      refuseOutcomeAudits(running.uid, 'database is locked', { times: 2 }),
      'reboot',
      running.uri,
      '--yes',
      '--json',
    );
    expect(rebooted.code, rebooted.stderr).toBe(0);
    expect(JSON.parse(rebooted.stdout)).toMatchObject({ uri: running.uri, warning: null });
    expect(rebooted.stderr).not.toContain('warning:');
    const events = await auditOf(running.uid);
    expect(events.slice(-2).map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'compute.reboot pending',
      'compute.reboot success',
    ]);
    expect(events.at(-1)!.correlationId).toBe(events.at(-2)!.correlationId);
  });

  it('writes an outcome once when an attempt committed it before it threw', async () => {
    const running = await aRunningInstance();
    const before = (await auditOf(running.uid)).length;

    // The first attempt's entry is in the log, yet the append throws: the retry must not add
    // a second entry for the same outcome.
    const rebooted = await whileRefused(
      refuseOutcomeAudits(running.uid, 'disk I/O error', {
        times: 1,
        afterWriting: true,
      }),
      'reboot',
      running.uri,
      '--yes',
      '--json',
    );
    expect(rebooted.code, rebooted.stderr).toBe(0);
    expect(JSON.parse(rebooted.stdout)).toMatchObject({ uri: running.uri, warning: null });
    expect(rebooted.stderr).not.toContain('warning:');
    const events = await auditOf(running.uid);
    expect(events.slice(before).map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'compute.reboot pending',
      'compute.reboot success',
    ]);
  });

  it('reports an action as done, with a warning, when the audit log refuses its outcome on every retry', async () => {
    const running = await aRunningInstance();
    const before = (await auditOf(running.uid)).length;

    const rebooted = await whileRefused(
      refuseOutcomeAudits(running.uid, 'database is locked'),
      'reboot',
      running.uri,
      '--yes',
      '--json',
    );
    expect(rebooted.code, rebooted.stderr).toBe(0);
    const outcome = JSON.parse(rebooted.stdout) as { warning: string | null };
    expect(outcome).toMatchObject({ uri: running.uri, state: 'running' });
    expect(outcome.warning).toBe(UNAUDITED_OUTCOME_WARNING);
    expect(rebooted.stderr).toContain(
      `warning: ${running.uri}: ${UNAUDITED_OUTCOME_WARNING} (cause: database is locked)\n`,
    );
    expect(rebooted.stderr).not.toContain('ccx:');
    const events = await auditOf(running.uid);
    expect(events.slice(before).map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'compute.reboot pending',
    ]);
  });

  it('shows metrics as a table with a sparkline, and the series with --json', async () => {
    const items = JSON.parse(
      (await ccx('ls', '--type', 'ec2.instance', '--json')).stdout,
    ) as Listing[];
    const uri = items[0]!.uri;
    const json = await ccx('metrics', uri, '--range', '24h', '--metric', 'cpu,networkIn', '--json');
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as {
      series: { metric: string; periodSeconds: number; values: number[]; p95: number | null }[];
    };
    expect(body.series.map((s) => s.metric)).toEqual(['cpu', 'networkIn']);
    expect(body.series[0]!.periodSeconds).toBe(300);
    expect(body.series[0]!.values.length).toBeGreaterThan(100);
    const human = await ccx('metrics', uri, '--range', '1h', '--metric', 'cpu');
    expect(human.stdout).toMatch(/^METRIC\s+MIN\s+AVG\s+P95\s+MAX\s+POINTS/);
    expect(human.stdout).toMatch(/CPU .*%.*[▁▂▃▄▅▆▇█]/);
    expect((await ccx('metrics', uri, '--range', '7d')).code).toBe(2);
  });
});

import { Command, InvalidArgumentError } from 'commander';
import { invalidInput, type ActionInput } from '@ccx/core';
import { globalsOf, printJson, say, type CliContext, type GlobalOptions } from '../context';
import { EXIT } from '../exit-codes';
import type { Outcome } from '../outcome';

/**
 * `ccx compute`: instances, VMs and container services from the terminal, named by URIs such
 * as `aws://123456789012/us-east-1/ec2.instance/i-0abc`. Actions go through the same checks
 * and audit trail as the API's, then wait until the resource reaches its target.
 */
export function computeCommand(ctx: CliContext, outcome: Outcome): Command {
  const compute = new Command('compute').description(
    'list, start, stop, reboot, resize and scale instances, VMs and services; deploy service revisions; associate Elastic IPs; show metrics',
  );
  compute.addCommand(lsCommand(ctx));
  for (const action of ['start', 'stop', 'reboot'] as const)
    compute.addCommand(
      actionCommand(ctx, outcome, action, `${action} instances or VMs`).action(
        (uris: string[], options: ActionFlags, command: Command) =>
          runActions(
            ctx,
            outcome,
            globalsOf(command),
            uris,
            { action: `compute.${action}` },
            options,
          ),
      ),
    );
  compute.addCommand(
    actionCommand(ctx, outcome, 'resize', 'change the instance type or VM size', true)
      .requiredOption('--size <type>', 'instance type or VM size, e.g. m5.large, Standard_D2s_v5')
      .action((uri: string, options: ActionFlags & { size: string }, command: Command) =>
        runActions(
          ctx,
          outcome,
          globalsOf(command),
          [uri],
          { action: 'compute.resize', size: options.size },
          options,
        ),
      ),
  );
  compute.addCommand(
    actionCommand(ctx, outcome, 'scale', 'set the desired task count of a service', true)
      .requiredOption('--count <n>', 'desired count (0–5000)', parseCount)
      .action((uri: string, options: ActionFlags & { count: number }, command: Command) =>
        runActions(
          ctx,
          outcome,
          globalsOf(command),
          [uri],
          { action: 'compute.scale', count: options.count },
          options,
        ),
      ),
  );
  compute.addCommand(
    actionCommand(
      ctx,
      outcome,
      'deploy',
      'register a new task-definition revision of a service',
      true,
    )
      .option(
        '--image <name=image>',
        'new image of a container, e.g. web=nginx:1.27 (repeatable)',
        collect,
        [] as string[],
      )
      .option('--cpu <units>', 'task CPU units, e.g. 256, 1024')
      .option('--memory <mib>', 'task memory in MiB, e.g. 512, 2048')
      .action(
        async (
          uri: string,
          options: ActionFlags & { image: string[]; cpu?: string; memory?: string },
          command: Command,
        ) => {
          const { parseActionInput } = await import('../compute/act');
          const input = parseActionInput({
            action: 'compute.deploy',
            ...(options.image.length > 0 ? { images: parseImages(options.image) } : {}),
            ...(options.cpu === undefined ? {} : { cpu: options.cpu }),
            ...(options.memory === undefined ? {} : { memory: options.memory }),
          });
          await runActions(ctx, outcome, globalsOf(command), [uri], input, options);
        },
      ),
  );
  compute.addCommand(
    addressCommand(
      'associate',
      'associate an Elastic IP with an instance of its account and region',
    )
      .requiredOption('--instance <uri>', 'aws://<account>/<region>/ec2.instance/<id> (or a uid)')
      .action(
        async (uri: string, options: ActionFlags & { instance: string }, command: Command) => {
          const { parseActionInput, parseUri } = await import('../compute/act');
          const { resourceUid } = await import('@ccx/core');
          const input = parseActionInput({
            action: 'compute.associate-address',
            instance: resourceUid(parseUri(options.instance)),
          });
          await runActions(ctx, outcome, globalsOf(command), [uri], input, options);
        },
      ),
  );
  compute.addCommand(
    addressCommand('disassociate', 'disassociate an Elastic IP from its instance').action(
      (uri: string, options: ActionFlags, command: Command) =>
        runActions(
          ctx,
          outcome,
          globalsOf(command),
          [uri],
          { action: 'compute.disassociate-address' },
          options,
        ),
    ),
  );
  compute.addCommand(metricsCommand(ctx));
  return compute;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `--image web=nginx:1.27` → `{web: 'nginx:1.27'}`; each container named once. Built from
 * entries, so every name is an own key (`__proto__` too, which an assignment would swallow)
 * and the action schema judges it.
 */
function parseImages(values: readonly string[]): Record<string, string> {
  const entries: [string, string][] = [];
  const names = new Set<string>();
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0) throw invalidInput('--image takes NAME=IMAGE, e.g. web=nginx:1.27');
    const name = value.slice(0, at);
    if (names.has(name)) throw invalidInput('--image names each container once');
    names.add(name);
    entries.push([name, value.slice(at + 1)]);
  }
  return Object.fromEntries(entries);
}

/** Address actions act at once: there is no state to wait for. */
function addressCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .argument('<uri>', 'aws://<account>/<region>/ec2.address/<allocation id> (or a uid)')
    .option('-y, --yes', 'do not ask for confirmation');
}

interface ActionFlags {
  yes?: boolean;
  wait?: boolean;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count > 5000) throw new InvalidArgumentError('expected 0–5000');
  return count;
}

function actionCommand(
  _ctx: CliContext,
  _outcome: Outcome,
  name: string,
  description: string,
  single = false,
): Command {
  return new Command(name)
    .description(description)
    .argument(single ? '<uri>' : '<uri...>', 'aws://<account>/<region>/<type>/<id> (or a uid)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--no-wait', 'return once the provider accepted the action');
}

function lsCommand(ctx: CliContext): Command {
  return new Command('ls')
    .description('list instances, VMs and services live through every connection')
    .option(
      '--type <types>',
      'comma list of compute types (default: ec2.instance, azure.vm, ecs.service)',
    )
    .option('--provider <provider>', 'only this provider (aws, azure)')
    .option('--state <states>', 'comma list of states')
    .option('--from-store', 'list what the last sync stored instead of asking the providers')
    .action(
      async (
        options: { type?: string; provider?: string; state?: string; fromStore?: boolean },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const { listLive, listStored, parseTypes } = await import('../compute/list');
        const { listingTable } = await import('../compute/format');
        const { withComputeSession } = await import('../compute/session');
        const filter = {
          types: parseTypes(options.type),
          ...(options.provider ? { provider: options.provider } : {}),
          ...(options.state ? { states: options.state.split(',').map((s) => s.trim()) } : {}),
        };
        const listings = await withComputeSession(ctx, globals, async (session) =>
          options.fromStore
            ? listStored(await session.store(), filter)
            : listLive(session.connections, filter, (scope, error) =>
                ctx.stderr.write(
                  `warning: ${scope.connection} ${scope.account}/${scope.region}: ${error instanceof Error ? error.message : String(error)}\n`,
                ),
              ),
        );
        if (globals.json) return printJson(ctx, listings);
        for (const line of listingTable(listings)) say(ctx, globals, line);
      },
    );
}

async function runActions(
  ctx: CliContext,
  outcome: Outcome,
  globals: GlobalOptions,
  uris: string[],
  input: ActionInput,
  flags: ActionFlags,
): Promise<void> {
  const { prepareAction, runAction, actionLabel } = await import('../compute/act');
  const { withComputeSession } = await import('../compute/session');
  const { canAsk, confirm } = await import('../storage/confirm');
  if (flags.yes !== true && !canAsk(ctx)) {
    ctx.stderr.write('Refusing to act without a terminal to confirm on: pass --yes.\n');
    outcome.code = EXIT.usage;
    return;
  }
  await withComputeSession(ctx, globals, async (session) => {
    // Every target is resolved and checked before the first is sent: all or nothing refused.
    const targets = [];
    for (const uri of uris) targets.push(await prepareAction(session, uri, input));
    if (flags.yes !== true) {
      const names = targets.map((t) => `  ${t.uri} (${t.status.state ?? 'unknown'})`).join('\n');
      ctx.stderr.write(`${names}\n`);
      const question = `${actionLabel(input)} ${targets.length === 1 ? 'this resource' : `these ${targets.length} resources`}?`;
      if (!(await confirm(ctx, question.charAt(0).toUpperCase() + question.slice(1)))) {
        ctx.stderr.write('Nothing changed.\n');
        return;
      }
    }
    const results = [];
    for (const target of targets) {
      const plan = flags.wait === false ? { ...target.plan, waitFor: null } : target.plan;
      const result = await runAction(
        session,
        { ...target, plan },
        {
          onProgress: (p) =>
            ctx.stderr.write(
              `${target.uri}: ${p.step}${p.state ? ` (${p.state})` : ''}${p.message ? ` ${p.message}` : ''}\n`,
            ),
          onWarning: (message) => ctx.stderr.write(`warning: ${message}\n`),
          signal: AbortSignal.timeout(30 * 60_000),
        },
      );
      results.push(result);
      if (!globals.json)
        say(
          ctx,
          globals,
          `${target.uri}: ${result.state ?? 'unknown'}${result.size ? ` ${result.size}` : ''}`,
        );
    }
    if (globals.json) printJson(ctx, uris.length === 1 ? results[0] : results);
  });
}

function metricsCommand(ctx: CliContext): Command {
  return new Command('metrics')
    .description('metrics of one resource: min, average, p95 and max with a sparkline')
    .argument('<uri>', 'aws://<account>/<region>/<type>/<id> (or a uid)')
    .option('--range <range>', '1h, 24h or 14d', '24h')
    .option('--metric <metrics>', 'comma list, e.g. cpu,networkIn (default: all the type has)')
    .action(async (uri: string, options: { range?: string; metric?: string }, command: Command) => {
      const globals = globalsOf(command);
      const { fetchMetrics, parseMetrics, parseRange, sparkline, formatValue } =
        await import('../compute/metrics');
      const { parseUri } = await import('../compute/act');
      const { table } = await import('../compute/format');
      const { withComputeSession } = await import('../compute/session');
      const ref = parseUri(uri);
      const range = parseRange(options.range);
      const metrics = parseMetrics(options.metric);
      const summaries = await withComputeSession(ctx, globals, (session) =>
        fetchMetrics(session.connections, ref, range, metrics),
      );
      if (globals.json) return printJson(ctx, { uri, range, series: summaries });
      const lines = table(
        ['METRIC', 'MIN', 'AVG', 'P95', 'MAX', 'POINTS', ''],
        summaries.map((s) => [
          s.label,
          formatValue(s.min, s.unit),
          formatValue(s.avg, s.unit),
          formatValue(s.p95, s.unit),
          formatValue(s.max, s.unit),
          String(s.values.length),
          sparkline(s.values),
        ]),
      );
      for (const line of lines) say(ctx, globals, line);
    });
}

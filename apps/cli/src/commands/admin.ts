import { Command, Option } from 'commander';
import { invalidInput, ROLES, roleSchema, type Role } from '@ccx/core';
import { globalsOf, loadCliConfig, printJson, say, type CliContext } from '../context';
import type { Outcome } from '../outcome';
import { promptHidden, readPasswordFromStdin, weakPasswordReason } from '../password-input';

async function readPassword(ctx: CliContext, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readPasswordFromStdin(ctx.stdin);
  const first = await promptHidden(ctx.stdin, ctx.stderr, 'Password: ');
  const second = await promptHidden(ctx.stdin, ctx.stderr, 'Repeat password: ');
  if (first !== second) throw invalidInput('The two passwords differ');
  return first;
}

/** `ccx admin create`: the first admin of a fresh install, through the API's own user service. */
export function adminCommand(ctx: CliContext, outcome: Outcome): Command {
  const admin = new Command('admin').description('manage local accounts');
  admin
    .command('create')
    .description('create a local account (prompts for the password on a terminal, without echo)')
    .requiredOption('--username <name>', 'login name')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(new Option('--role <role>', 'role of the account').choices(ROLES).default('admin'))
    .option('--display-name <name>', 'name shown in the UI')
    .action(
      async (
        options: { username: string; passwordStdin?: boolean; role: Role; displayName?: string },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const config = await loadCliConfig(ctx, globals);
        const password = await readPassword(ctx, options.passwordStdin === true);
        const weakness = weakPasswordReason(password, options.username);
        if (weakness !== null) throw invalidInput(`Password refused: ${weakness}`);
        const { createLocalUser, publicUser } = await import('@ccx/api');
        const { openMigratedStore } = await import('@ccx/server');
        const store = await openMigratedStore(config.store.url ?? ':memory:');
        try {
          const user = await createLocalUser(store, {
            username: options.username,
            password,
            role: roleSchema.parse(options.role),
            displayName: options.displayName ?? null,
          });
          if (globals.json) printJson(ctx, publicUser(user));
          else say(ctx, globals, `Created ${user.role} "${user.username}".`);
          outcome.code = 0;
        } finally {
          await store.close();
        }
      },
    );
  return admin;
}

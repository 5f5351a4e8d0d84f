/**
 * The operators' command line: `npm run cli -- <command> [options]` (from the repository root or
 * the server workspace). It reads the database settings from the environment exactly as the
 * server does. Each command lives in its own file; add one by adding a row to COMMANDS.
 */
import { apiKeyCommand } from './apiKey.ts';
import { backupCommand } from './backup.ts';
import { CliError, EXIT_USAGE, type CliContext, type Command } from './command.ts';
import { coverageCommand } from './coverage.ts';
import { createAdminCommand } from './createAdmin.ts';
import { importCommand } from './import.ts';
import { resetPasswordCommand } from './resetPassword.ts';
import { restoreCommand } from './restore.ts';

const COMMANDS: Record<string, Command> = {
  backup: backupCommand,
  restore: restoreCommand,
  import: importCommand,
  coverage: coverageCommand,
  'create-admin': createAdminCommand,
  'reset-password': resetPasswordCommand,
  'api-key': apiKeyCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'usage: npm run cli -- <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'npm run cli -- <command> --help  tells more about one command.',
  ].join('\n');
}

async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    ctx.out(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    ctx.err(`unknown command: ${name}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, ctx);
  } catch (err) {
    if (err instanceof CliError) {
      ctx.err(`${name}: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  // npm runs workspace scripts inside the workspace and says where it was started in INIT_CWD:
  // the operator's relative paths mean that directory.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

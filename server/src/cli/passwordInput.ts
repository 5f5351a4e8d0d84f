import type { ScopeReference } from '@streetchief/shared/admin/index';
import { HttpError } from '../http/errors.ts';
import type { AdminEnv } from '../admin/adminEnv.ts';
import type { Store } from '../store/store.ts';
import { CliError, EXIT_USAGE, type OptionValues } from './command.ts';

/** Options shared by create-admin and reset-password. */
export const PASSWORD_OPTIONS = {
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'no-must-change': { type: 'boolean' },
} as const;

/** `--username NAME`, or a usage error. */
export function usernameOption(opts: OptionValues, help: string): string {
  const v = opts.username;
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`--username NAME is required\n\n${help}`, EXIT_USAGE);
  return v.trim();
}

/**
 * The password piped to stdin (`--password-stdin`): everything up to the end, less one final line
 * break, so `echo "$PW" | …` and a file both work. Never an argument: arguments show in `ps`.
 */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if ((stdin as { isTTY?: boolean }).isTTY) throw new CliError('--password-stdin reads a pipe or a file, not the terminal', EXIT_USAGE);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') throw new CliError('--password-stdin: stdin was empty', EXIT_USAGE);
  return text;
}

/** An administrator has the whole district: no grid, street or department to check. */
const NO_SCOPES: ScopeReference = { hasGrid: () => false, hasStreet: () => false, hasDepartment: () => false };

/**
 * The account commands' environment from the command line: the store, the wall clock, and no
 * sockets to close (those are the server's; the sessions a command ends stop working at its next
 * request, and the socket at its next reconnect).
 */
export function cliAdminEnv(store: Store): AdminEnv {
  return { store, now: () => new Date(), scopeRef: () => NO_SCOPES, disconnect: () => {} };
}

/** Run an account command, turning its refusals (taken username, weak password) into operator messages. */
export async function refusalsAsCliErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof HttpError) throw new CliError(err.body.field ? `${err.body.field}: ${err.message}` : err.message);
    throw err;
  }
}

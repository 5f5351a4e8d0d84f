import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { configFromEnv } from '../config.ts';
import type { DbConfig } from '../store/connect.ts';

/** What a command runs with: the environment, where relative paths start, and where to write. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  /** Relative file arguments resolve from here: the directory the operator ran the command in. */
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** One operator command: a line for the command list and the code that runs it. */
export interface Command {
  summary: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run: (args: string[], ctx: CliContext) => Promise<number>;
}

/** Exit codes: 1 when a command refuses or fails, 2 when it was called wrongly. */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** A refusal meant for the operator: printed as it is, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_REFUSED,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
/** Parsed option values by name. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * Parse a command's options strictly (unknown options and stray arguments are usage errors).
 * Returns null after printing `help` when asked for it, so the command just returns 0.
 */
export function parseOptions(args: string[], options: Options, help: string, ctx: CliContext): OptionValues | null {
  let values: OptionValues;
  try {
    values = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false })
      .values as OptionValues;
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${help}`, EXIT_USAGE);
  }
  if (values.help) {
    ctx.out(help);
    return null;
  }
  return values;
}

/** A required string option, or a usage error naming it. */
export function required(value: OptionValues[string], flag: string, help: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`${flag} FILE is required\n\n${help}`, EXIT_USAGE);
  return value;
}

/** An operator's path argument, absolute. */
export function resolveArg(ctx: CliContext, file: string): string {
  return path.resolve(ctx.cwd, file);
}

/** The database the server would use, read from the environment by the server's own configuration code. */
export function databaseFromEnv(ctx: CliContext): DbConfig {
  try {
    // The client directory is the web server's business; commands only need the database.
    return configFromEnv(ctx.env, '').db;
  } catch (err) {
    if (err instanceof z.ZodError)
      throw new CliError(`bad environment: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, EXIT_USAGE);
    throw err;
  }
}

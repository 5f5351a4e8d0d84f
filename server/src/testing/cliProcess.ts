import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npx tsx server/src/cli/main.ts …` in a child process on an SQLite file, as an operator runs it,
 * with `stdin` piped in. Each run starts tsx and migrates: seconds apiece on a busy machine.
 */
export function runCli(args: string[], opts: { sqliteFile: string; stdin?: string }): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_FILE: opts.sqliteFile };
  delete env.DATABASE_URL;
  const child = spawn('npx', ['tsx', 'server/src/cli/main.ts', ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

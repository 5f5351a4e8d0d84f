/**
 * The product's own processes: server nodes and the operator CLI, started as an operator would,
 * configured only by their environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../server/scripts/startTime.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COMPILED = path.join(ROOT, 'server/dist/main.js');

/** Newest modification time of any file under the given folders. */
function newestMtime(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) walk(d);
  return newest;
}

/**
 * How a node is started: the compiled server when it is there and newer than the sources (a stale
 * build would measure old code), else the sources under tsx.
 */
export function serverEntry(): { args: string[]; label: string } {
  if (
    fs.existsSync(COMPILED) &&
    fs.statSync(COMPILED).mtimeMs >= newestMtime([path.join(ROOT, 'server/src'), path.join(ROOT, 'shared/src')])
  )
    return { args: [COMPILED], label: 'server/dist/main.js (compiled)' };
  return { args: ['--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], label: 'server/src/main.ts under tsx' };
}

export interface Node {
  name: string;
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** Start one node on a free port and wait for its `/healthz`. */
export async function startNode(name: string, env: Record<string, string>, timeoutMs = 120_000): Promise<Node> {
  const port = await freePort();
  const entry = serverEntry();
  const child: ChildProcess = spawn(process.execPath, entry.args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was healthy:\n${stderr}`);
    const healthy = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not healthy within ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Run `npm run cli -- <args>` (the sources under tsx, as the CLI script does); throws with its output on failure. */
export async function runCli(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`cli ${args.join(' ')} exited ${code}:\n${out}`);
  return out;
}

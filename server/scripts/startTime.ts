/**
 * Start time: from spawning a server process to its first 200 from /healthz.
 *
 * `timeToHealthy` is the measurement (the bench imports it; `startUntilHealthy` leaves the server
 * running, for a test that goes on to use it); `compareStarts` runs several ways
 * of starting interleaved, round by round, so a busy moment of the machine hits them all alike,
 * and reports each one's median. Run directly, it measures the server on an existing SQLite
 * database (compiled and through tsx) against bare Express started the same way:
 *
 *   npm run build -w server && npx tsx server/scripts/startTime.ts [rounds]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface StartOptions {
  cwd?: string;
  /** Give up (and kill the process) after this long; default 60 s. */
  timeoutMs?: number;
  /** Pause between two /healthz attempts; default 5 ms. */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One GET on a fresh connection: the status, or 0 when nothing answers yet. */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream build). */
const CLOCK_TICKS = 100;

/**
 * User + system CPU time of a running process from /proc (Linux), in ms. Less disturbed than wall
 * time by other work on a busy machine, so it is worth printing beside it.
 */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    // Fields after the command name: utime and stime are the 14th and 15th fields of the line.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** A port nothing listens on right now (the OS picks it; the caller's server takes it next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Started {
  /** Milliseconds from spawn to the first 200. */
  ms: number;
  /** CPU time the process (all its threads) had used by then, in ms; null where /proc is missing. */
  cpuMs: number | null;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
  stop: () => Promise<void>;
}

/**
 * Spawns `cmd args` with `env` (merged over nothing: pass `{ ...process.env, … }` for the usual
 * environment) and polls `url` until it answers 200; the process keeps running. Rejects, having
 * stopped the process, with the end of its stderr if it exits first or the timeout passes.
 */
export async function startUntilHealthy(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
  opts: StartOptions = {},
): Promise<Started> {
  const { timeoutMs = 60_000, pollMs = 5 } = opts;
  const started = performance.now();
  const child = spawn(cmd, args, { env, cwd: opts.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const stop = async () => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    for (;;) {
      if ((await statusOf(url)) === 200) return { ms: performance.now() - started, cpuMs: cpuMsOf(child.pid), child, stop };
      if (exitCode !== undefined) throw new Error(`${cmd} ${args.join(' ')} exited (${exitCode}) before ${url} answered 200:\n${stderr}`);
      if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${stderr}`);
      await sleep(pollMs);
    }
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `startUntilHealthy`, then stops the process: the milliseconds from spawn to the first 200. */
export async function timeToHealthy(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
  opts: StartOptions = {},
): Promise<number> {
  const s = await startUntilHealthy(cmd, args, env, url, opts);
  await s.stop();
  return s.ms;
}

export interface StartCase {
  name: string;
  cmd: string;
  args: string[];
  /** The environment for a port: each start gets a fresh free port. */
  env: (port: number) => NodeJS.ProcessEnv;
  cwd?: string;
}

export interface StartResult {
  name: string;
  ms: number[];
  medianMs: number;
  /** Median CPU time to healthy (null without /proc). */
  medianCpuMs: number | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Each case started `rounds` times, interleaved (A B C, A B C, …); each one's times and median. */
export async function compareStarts(cases: StartCase[], rounds = 3, opts: StartOptions = {}): Promise<StartResult[]> {
  const ms = cases.map(() => [] as number[]);
  const cpu = cases.map(() => [] as (number | null)[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, c] of cases.entries()) {
      const port = await freePort();
      const s = await startUntilHealthy(c.cmd, c.args, c.env(port), `http://127.0.0.1:${port}/healthz`, { cwd: c.cwd, ...opts });
      await s.stop();
      ms[i]!.push(s.ms);
      cpu[i]!.push(s.cpuMs);
    }
  }
  return cases.map((c, i) => {
    const cpuKnown = cpu[i]!.filter((x): x is number => x !== null);
    return { name: c.name, ms: ms[i]!, medianMs: median(ms[i]!), medianCpuMs: cpuKnown.length ? median(cpuKnown) : null };
  });
}

/** The server's start cases on one SQLite file, and bare Express, all with `node` as the runner. */
export function serverStartCases(sqliteFile: string): StartCase[] {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const env = (port: number) => ({ ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_FILE: sqliteFile });
  return [
    { name: 'bare Express', cmd: process.execPath, args: ['scripts/bareExpress.mjs'], env, cwd: serverDir },
    { name: 'StreetChief (compiled)', cmd: process.execPath, args: ['--enable-source-maps', 'dist/main.js'], env, cwd: serverDir },
    { name: 'StreetChief (tsx)', cmd: process.execPath, args: ['--import', 'tsx', 'src/main.ts'], env, cwd: serverDir },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const rounds = Number(process.argv[2] ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-start-'));
  const file = path.join(dir, 'existing.sqlite');
  const cases = serverStartCases(file);
  // The first start creates and seeds the database; the measured ones find it existing.
  const first = await compareStarts([cases[1]!], 1, { timeoutMs: 300_000 });
  console.log(`first start (migrate + seed the demo): ${first[0]!.medianMs.toFixed(0)} ms`);
  const results = await compareStarts(cases, rounds);
  const base = results[0]!.medianMs;
  const baseCpu = results[0]!.medianCpuMs;
  for (const r of results) {
    const cpu = r.medianCpuMs === null || !baseCpu ? '' : `  CPU ${r.medianCpuMs.toFixed(0)} ms ${(r.medianCpuMs / baseCpu).toFixed(2)}×`;
    console.log(
      `${r.name.padEnd(24)} median ${r.medianMs.toFixed(0).padStart(5)} ms  ${(r.medianMs / base).toFixed(2)}×${cpu}  runs ${r.ms.map((m) => m.toFixed(0)).join(', ')}`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

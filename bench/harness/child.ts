import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Bench processes talk over Node's IPC channel: the child sends `{ready}` once it is listening,
 * then answers each `{id, cmd, args}` with `{id, result}` or `{id, error}`. Every load generator
 * and baseline server runs this way, in its own process, so its CPU is its own and it never
 * shares an event loop with what it measures.
 */
/** Each takes the JSON arguments of its call (typed by the script that defines it). */
type Handlers = Record<string, (args: never) => unknown>;

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** In the child: announce `info` as ready and answer the parent's calls with `handlers`. */
export function serveParent(info: object, handlers: Handlers): void {
  if (!process.send) throw new Error('run this script through forkBench (it needs an IPC channel)');
  process.on('message', (msg: { id: number; cmd: string; args: unknown }) => {
    const handler = handlers[msg.cmd];
    void (async () => {
      try {
        if (!handler) throw new Error(`unknown command ${msg.cmd}`);
        process.send!({ id: msg.id, result: await handler(msg.args as never) } satisfies Reply);
      } catch (err) {
        process.send!({ id: msg.id, error: (err as Error).stack ?? String(err) } satisfies Reply);
      }
    })();
  });
  // The parent gone (a bench interrupted): do not linger holding a port or a socket count.
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: info });
}

export interface BenchChild<Info> {
  info: Info;
  pid: number;
  call: <T = unknown>(cmd: string, args?: unknown) => Promise<T>;
  stop: () => Promise<void>;
}

/** Forks `bench/<script>` (TypeScript, through tsx) with `arg` as JSON argv[2]; resolves once it is ready. */
export function forkBench<Info = Record<string, unknown>>(script: string, arg: unknown = {}): Promise<BenchChild<Info>> {
  const child: ChildProcess = fork(path.join(ROOT, 'bench', script), [JSON.stringify(arg)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--max-old-space-size=2048'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const err = new Error(`${script} exited with ${code}`);
      reject(err);
      for (const p of pending.values()) p.reject(err);
    });
    child.on('message', (msg: { ready?: Info } & Reply) => {
      if (msg.ready) {
        resolve({
          info: msg.ready,
          pid: child.pid!,
          call: (cmd, args) =>
            new Promise((res, rej) => {
              const id = next++;
              pending.set(id, { resolve: res, reject: rej });
              child.send({ id, cmd, args });
            }),
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(`${script}: ${msg.error}`));
      else p.resolve(msg.result as never);
    });
  });
}

/** The JSON argument a forked bench script was given. */
export function argOf<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

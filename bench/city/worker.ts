/**
 * Load generators run in their own processes, so their CPU is not the nodes' and the nodes'
 * figures are not theirs. Parent and worker talk over Node's IPC channel with small typed messages.
 */
import { fork, type ChildProcess } from 'node:child_process';

export type ToWorker = { type: 'init'; params: unknown } | { type: 'go' } | { type: 'stop' } | { type: 'verify'; committed: number[] };
export type FromWorker = { type: 'ready'; info?: unknown } | { type: 'done'; result: unknown } | { type: 'error'; message: string };

export interface Worker {
  name: string;
  pid: number;
  send: (m: ToWorker) => void;
  /** The next message of `type` (an `error` or an early exit rejects). */
  next: <T = unknown>(type: 'ready' | 'done', timeoutMs?: number) => Promise<T>;
  kill: () => void;
}

/** Start `script` (a .ts file in this folder) under tsx with an IPC channel, and give it `params`. */
export function startWorker(name: string, script: string, params: unknown): Worker {
  const child: ChildProcess = fork(new URL(script, import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue: FromWorker[] = [];
  const waiters: ((m: FromWorker | null) => void)[] = [];
  let exited: string | null = null;
  const deliver = (m: FromWorker | null) => {
    const w = waiters.shift();
    if (w) w(m);
    else if (m) queue.push(m);
  };
  child.on('message', (m) => deliver(m as FromWorker));
  child.on('exit', (code, signal) => {
    exited = `${name} exited (${signal ?? code})`;
    while (waiters.length) deliver(null);
  });
  const next = <T>(type: 'ready' | 'done', timeoutMs = 600_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const take = (m: FromWorker | null) => {
        clearTimeout(timer);
        if (!m) return reject(new Error(exited ?? `${name}: no message`));
        if (m.type === 'error') return reject(new Error(`${name}: ${m.message}`));
        if (m.type !== type) return reject(new Error(`${name}: expected ${type}, got ${m.type}`));
        resolve((m.type === 'ready' ? m.info : m.result) as T);
      };
      const timer = setTimeout(() => {
        const i = waiters.indexOf(take);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`${name}: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const queued = queue.shift();
      if (queued) take(queued);
      else if (exited) take(null);
      else waiters.push(take);
    });
  child.send({ type: 'init', params } satisfies ToWorker);
  return {
    name,
    pid: child.pid!,
    send: (m) => child.connected && child.send(m),
    next,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Inside a worker: the parent's messages, and replies to it. */
export function workerSide<P>(handlers: {
  init: (params: P) => Promise<unknown>;
  go?: () => void;
  stop?: () => Promise<unknown>;
  verify?: (committed: number[]) => unknown;
}): void {
  const reply = (m: FromWorker) => process.send?.(m);
  const guard = async (f: () => Promise<void>) => {
    try {
      await f();
    } catch (err) {
      reply({ type: 'error', message: (err as Error).stack ?? String(err) });
    }
  };
  process.on('message', (raw) => {
    const m = raw as ToWorker;
    if (m.type === 'init') void guard(async () => void reply({ type: 'ready', info: await handlers.init(m.params as P) }));
    if (m.type === 'go') handlers.go?.();
    if (m.type === 'stop') void guard(async () => void reply({ type: 'done', result: await handlers.stop?.() }));
    if (m.type === 'verify') void guard(async () => void reply({ type: 'done', result: await handlers.verify?.(m.committed) }));
  });
  // The parent gone (the bench stopped or crashed): nothing left to do here.
  process.on('disconnect', () => process.exit(0));
}

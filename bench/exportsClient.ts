/**
 * The client half of `bench/exports.bench.ts`, run in its own process so its fetches, timers and
 * download reading never share the server's event loop. Reads `{ healthUrl, exportUrl, cookie,
 * idleMs, parallel }` as JSON from argv[2]; prints one JSON line with the idle and under-load
 * /healthz latencies, the export totals, and this process's own CPU time.
 */
import { performance } from 'node:perf_hooks';
import { pollHealth } from '../server/src/testing/healthPoller.ts';

interface Args {
  healthUrl: string;
  exportUrl: string;
  cookie: string;
  idleMs: number;
  parallel: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One /healthz answer's status, its body read to the end. */
async function healthStatus(url: string): Promise<number> {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.status;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const cpu0 = process.cpuUsage();

// Warm-up: the first fetch opens the connection pool and the first export fills any server caches.
await (await fetch(args.healthUrl)).arrayBuffer();

const stopIdle = pollHealth(() => healthStatus(args.healthUrl));
await sleep(args.idleMs);
const idle = await stopIdle();

const stopLoaded = pollHealth(() => healthStatus(args.healthUrl));
const t0 = performance.now();
const downloads = await Promise.all(
  Array.from({ length: args.parallel }, async () => {
    const res = await fetch(args.exportUrl, { headers: { cookie: args.cookie } });
    const bytes = (await res.arrayBuffer()).byteLength;
    return { status: res.status, bytes, ms: performance.now() - t0 };
  }),
);
const exportMs = performance.now() - t0;
const loaded = await stopLoaded();

const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({ idle, loaded, exportMs, downloads, cpuMs: { user: cpu.user / 1000, system: cpu.system / 1000 } }) + '\n',
);

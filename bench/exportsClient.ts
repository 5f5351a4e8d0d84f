/**
 * The client half of `bench/exports.bench.ts`, run in its own process so its fetches, timers and
 * download reading never share the server's event loop. Reads `{ healthUrl, exportUrl, cookie,
 * idleMs, parallel }` as JSON from argv[2]; prints one JSON line with the idle and under-load
 * /healthz latencies, the export totals, and this process's own CPU time.
 */
import { performance } from 'node:perf_hooks';

interface Args {
  healthUrl: string;
  exportUrl: string;
  cookie: string;
  idleMs: number;
  parallel: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * GET /healthz every 20 ms until stopped. Each latency runs from when the request was due, so a
 * late timer in this process would count against the server rather than hide a stall.
 */
function pollHealth(url: string) {
  const ms: number[] = [];
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    let due = performance.now();
    while (!stopped) {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
      const end = performance.now();
      ms.push(end - due);
      due = end + 20;
      await sleep(20);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { ms, failures };
  };
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const cpu0 = process.cpuUsage();

// Warm-up: the first fetch opens the connection pool and the first export fills any server caches.
await (await fetch(args.healthUrl)).arrayBuffer();

const stopIdle = pollHealth(args.healthUrl);
await sleep(args.idleMs);
const idle = await stopIdle();

const stopLoaded = pollHealth(args.healthUrl);
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

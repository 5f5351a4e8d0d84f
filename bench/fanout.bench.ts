/**
 * `npm run bench fanout`: live-event latency to N wall screens (200, 500, 1000) at 50 events/s,
 * against two baselines built in the same run, interleaved (per size, the clients of all three
 * connect once, then product, bare ws, plain Socket.IO in turn; three rounds, medians reported):
 *
 * - bare `ws` (bench/baselines/wsBroadcast.ts) sending each message as is to every client;
 * - plain Socket.IO (bench/baselines/ioBroadcast.ts), `io.emit` of the same payload.
 *
 * The product runs from server/src/main.ts on a temporary demo database; its clients sign in as
 * the wall and speak its socket protocol. A producer process (bench/load/producer.ts) sends 50
 * reports a second as a patrol officer, each with its send time in the description; for the
 * baselines it POSTs a payload as long as the product's event to /publish. The clients
 * (bench/load/fanoutClients.ts, one process per 500) note receipt minus send time, one machine
 * clock: the product's figure is report to screen (HTTP, validation, commit, fan-out), the
 * baselines' HTTP to screen. Every server, the producer and the clients run in their own
 * processes; each one's CPU and the machine's are reported.
 *
 * Target (issue 11): p99 ≤ 1.3× bare ws at 200 and 500 clients; 1000 is reported with the CPU.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkBench, type BenchChild } from './harness/child.ts';
import { cpuMeter, machineBusy, machineTimes } from './harness/cpu.ts';
import { headOf, login, reportSpots, startProduct, type Product } from './harness/product.ts';
import { fmtMs, fmtX, printTable, QUICK, writeArtifact, type Row } from './harness/report.ts';
import { latencyOf, median, type Latency } from './harness/stats.ts';
import type { ClientKind, Collected, ConnectArgs } from './load/fanoutClients.ts';
import type { ProduceArgs, Produced } from './load/producer.ts';

const SIZES = QUICK ? [50] : [200, 500, 1000];
/** Sizes with a target; the rest are reported with the machine's CPU beside them. */
const TARGET_SIZES = [200, 500];
const ROUNDS = QUICK ? 1 : 3;
const RATE = 50;
const WARM_MS = QUICK ? 500 : 1000;
const MEASURE_MS = QUICK ? 1500 : 3000;
const CLIENTS_PER_PROCESS = 500;
const P99_GOAL = 1.3;
const DRAIN_IDLE_MS = 2000;
/** However slow the deliveries, a measurement waits no longer than this for them after the last send. */
const DRAIN_MAX_MS = 15_000;

type Target = ClientKind;
const TARGETS: Target[] = ['product', 'ws', 'socketio'];

interface Measured {
  clients: number;
  latency: Latency;
  /** product: receipt minus the event's `at` (server clock). */
  sinceAt?: Latency;
  /** Deliveries in the window over events sent in it × clients (1 = every client got every event). */
  delivered: number;
  reordered: number;
  /**
   * Events sent in the window that some client never received: how many sends before the last
   * one it was (0: the last), and how many clients got it.
   */
  missing: { fromEnd: number; receivedBy: number }[];
  skips: number;
  payloadBytes: number;
  cpu: { server: number; clients: number; producer: number; machine: number };
  producer: Omit<Produced, 'accepted'>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the clients have every event sent in the window, or nothing more arrived for
 * DRAIN_IDLE_MS, or DRAIN_MAX_MS passed (those missing are then counted as not delivered), so a
 * slow figure is measured in full rather than cut off.
 */
async function drain(procs: BenchChild<unknown>[], window: { from: number; to: number }, expected: number): Promise<void> {
  let last = -1;
  let idleSince = performance.now();
  const giveUp = performance.now() + DRAIN_MAX_MS;
  for (;;) {
    const got = (await Promise.all(procs.map((p) => p.call<number>('received', window)))).reduce((a, b) => a + b, 0);
    if (got >= expected) return;
    if (got !== last) {
      last = got;
      idleSince = performance.now();
    } else if (performance.now() - idleSince > DRAIN_IDLE_MS) return;
    if (performance.now() > giveUp) return;
    await sleep(100);
  }
}

interface Server {
  url: string;
  pid: number;
}

/** Opens `n` clients of `kind` to `server`, split over the client processes (at most CLIENTS_PER_PROCESS each). */
async function connect(
  procs: BenchChild<unknown>[],
  kind: ClientKind,
  n: number,
  server: Server,
  wall?: { cookie: string; after: number },
) {
  const used = procs.slice(0, Math.ceil(n / CLIENTS_PER_PROCESS));
  const share = Math.ceil(n / used.length);
  await Promise.all(
    used.map((p, i) => p.call('connect', { kind, url: server.url, count: Math.min(share, n - i * share), ...wall } satisfies ConnectArgs)),
  );
}

/**
 * One measurement: the producer sends for WARM_MS + MEASURE_MS to `server`, whose `n` clients are
 * connected (the clients of the other targets stay connected and idle, so that a round is not
 * mostly handshakes); the figures are of the events sent after the warm-up.
 */
async function measure(
  target: Target,
  n: number,
  server: Server,
  producer: BenchChild<unknown>,
  procs: BenchChild<unknown>[],
  produce: Omit<ProduceArgs, 'rate' | 'durationMs'>,
): Promise<Measured> {
  const used = procs.slice(0, Math.ceil(n / CLIENTS_PER_PROCESS));
  await Promise.all(used.map((p) => p.call('start')));
  const serverCpu = cpuMeter(server.pid);
  const m0 = machineTimes();
  const produced = await producer.call<Produced>('run', { ...produce, rate: RATE, durationMs: WARM_MS + MEASURE_MS } satisfies ProduceArgs);
  const machine = machineBusy(m0, machineTimes());
  const serverCores = serverCpu();
  const from = (produced.accepted[0] ?? 0) + WARM_MS;
  const to = produced.accepted.at(-1) ?? 0;
  const sentInWindow = produced.accepted.filter((t) => t >= from && t <= to).length;
  await drain(used, { from, to }, sentInWindow * n);
  const got = await Promise.all(used.map((p) => p.call<Collected>('collect', { from, to })));
  const latencies = got.flatMap((g) => g.latencies);
  const { accepted: _accepted, ...producerRest } = produced;
  const inWindow = produced.accepted.filter((t) => t >= from && t <= to);
  const missing = inWindow
    .map((t, i) => ({ fromEnd: inWindow.length - 1 - i, receivedBy: got.reduce((s, g) => s + (g.receivedBy[Math.round(t)] ?? 0), 0) }))
    .filter((m) => m.receivedBy < n);
  return {
    clients: n,
    latency: latencyOf(latencies),
    ...(target === 'product' ? { sinceAt: latencyOf(got.flatMap((g) => g.sinceAt)) } : {}),
    delivered: latencies.length / (sentInWindow * n),
    reordered: got.reduce((s, g) => s + g.reordered, 0),
    missing,
    skips: got.reduce((s, g) => s + g.skips, 0),
    payloadBytes: got.find((g) => g.payloadBytes)?.payloadBytes ?? 0,
    cpu: { server: serverCores, clients: got.reduce((s, g) => s + g.cpuCores, 0), producer: produced.cpuCores, machine },
    producer: producerRest,
  };
}

export async function run(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-bench-fanout-'));
  console.log(
    `  ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the start (anything above 0 is other work sharing the machine)`,
  );
  const procCount = Math.ceil(Math.max(...SIZES) / CLIENTS_PER_PROCESS);
  const results: Record<number, Record<Target, Measured[]>> = {};
  let product: Product | null = null;
  const children: BenchChild<unknown>[] = [];
  try {
    product = await startProduct(path.join(dir, 'product.sqlite'));
    const ws = await forkBench<{ url: string }>('baselines/wsBroadcast.ts');
    const sio = await forkBench<{ url: string }>('baselines/ioBroadcast.ts');
    const producer = await forkBench('load/producer.ts');
    const procs = await Promise.all(Array.from({ length: procCount }, () => forkBench('load/fanoutClients.ts')));
    children.push(ws, sio, producer, ...procs);
    const patrol = await login(product.url, 'patrol_liexi');
    const spots = await reportSpots(product.url, patrol);
    const wall = await login(product.url, 'wall');
    const servers: Record<Target, Server> = {
      product,
      ws: { url: ws.info.url, pid: ws.pid },
      socketio: { url: sio.info.url, pid: sio.pid },
    };
    let payloadBytes = 0;
    for (const n of SIZES) {
      const r: Record<Target, Measured[]> = (results[n] = { product: [], ws: [], socketio: [] });
      await connect(procs, 'product', n, product, { cookie: wall, after: await headOf(product.url) });
      await connect(procs, 'ws', n, servers.ws);
      await connect(procs, 'socketio', n, servers.socketio);
      for (let round = 1; round <= ROUNDS; round++) {
        for (const target of TARGETS) {
          const produce: Omit<ProduceArgs, 'rate' | 'durationMs'> =
            target === 'product'
              ? { kind: 'product', url: product.url, cookie: patrol, spots }
              : { kind: 'publish', url: servers[target].url, payloadBytes };
          const m = await measure(target, n, servers[target], producer, procs, produce);
          if (target === 'product') payloadBytes ||= m.payloadBytes;
          r[target].push(m);
          console.log(
            `  ${String(n).padStart(4)} clients, round ${round}, ${target.padEnd(8)}: p50 ${fmtMs(m.latency.p50)}, p99 ${fmtMs(m.latency.p99)}, ` +
              `delivered ${(m.delivered * 100).toFixed(1)} %${m.missing.length ? ` (missing: ${JSON.stringify(m.missing)})` : ''}, ` +
              `${m.reordered} out of order, ${m.payloadBytes} B, ` +
              `CPU server ${m.cpu.server.toFixed(2)} clients ${m.cpu.clients.toFixed(2)} machine ${(m.cpu.machine * 100).toFixed(0)} %` +
              `, producer answers ${JSON.stringify(m.producer.statuses)}`,
          );
        }
      }
      await Promise.all(procs.map((p) => p.call('close')));
    }
  } finally {
    for (const c of children) await c.stop();
    await product?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const rows: Row[] = [];
  let delivered = true;
  for (const n of SIZES) {
    const r = results[n]!;
    const med = (t: Target, f: (m: Measured) => number) => median(r[t].map(f));
    const p99 = (t: Target) => med(t, (m) => m.latency.p99);
    const p50 = (t: Target) => med(t, (m) => m.latency.p50);
    const ratio = p99('product') / p99('ws');
    const hasTarget = TARGET_SIZES.includes(n) || QUICK;
    const allDelivered = r.product.every((m) => m.delivered >= 0.999 && m.reordered === 0);
    delivered &&= allDelivered;
    rows.push({
      figure: `live event p50 / p99, ${n} wall clients, ${RATE}/s`,
      product: `${fmtMs(p50('product'))} / ${fmtMs(p99('product'))}`,
      baseline: `bare ws ${fmtMs(p50('ws'))} / ${fmtMs(p99('ws'))}`,
      ratio: fmtX(ratio),
      goal: hasTarget ? `p99 ≤ ${P99_GOAL}×` : 'reported',
      met: hasTarget ? ratio <= P99_GOAL : null,
    });
    const at = (f: (l: Latency) => number) => fmtMs(med('product', (m) => (m.sinceAt ? f(m.sinceAt) : NaN)));
    rows.push({
      figure: `  same, vs plain Socket.IO`,
      // From the event's own `at` (server clock, whole ms): the part after the request reached the server.
      product: `from \`at\`: ${at((l) => l.p50)} / ${at((l) => l.p99)}`,
      baseline: `Socket.IO ${fmtMs(p50('socketio'))} / ${fmtMs(p99('socketio'))}`,
      ratio: fmtX(p99('product') / p99('socketio')),
      goal: '',
      met: null,
    });
    rows.push({
      figure: `  same, every event to every client in order`,
      // The worst round, as the target is judged on it.
      product: `${(Math.min(...r.product.map((m) => m.delivered)) * 100).toFixed(1)} %, ${r.product.reduce((s, m) => s + m.reordered, 0)} reordered`,
      baseline: `ws ${(Math.min(...r.ws.map((m) => m.delivered)) * 100).toFixed(1)} %`,
      ratio: '',
      goal: '100 %, 0',
      met: allDelivered,
    });
    const cpu = (t: Target) => {
      const c = (f: (m: Measured) => number) => med(t, f).toFixed(2);
      return `srv ${c((m) => m.cpu.server)} cli ${c((m) => m.cpu.clients)} prod ${c((m) => m.cpu.producer)}, machine ${(med(t, (m) => m.cpu.machine) * 100).toFixed(0)} %`;
    };
    rows.push({
      figure: `  same, CPU (cores; machine busy)`,
      product: cpu('product'),
      baseline: `ws: ${cpu('ws')}`,
      ratio: '',
      goal: '',
      met: null,
    });
  }
  console.log(
    `\n  medians of ${ROUNDS} interleaved rounds, ${WARM_MS} ms warm-up + ${MEASURE_MS} ms each, ${os.cpus().length} cores${QUICK ? ' (BENCH_QUICK: smoke run)' : ''}`,
  );
  printTable(rows);
  const file = writeArtifact('fanout', {
    quick: QUICK,
    rate: RATE,
    warmMs: WARM_MS,
    measureMs: MEASURE_MS,
    cores: os.cpus().length,
    results,
    rows,
  });
  console.log(`  figures written to ${path.relative(process.cwd(), file)}`);
  return delivered && rows.every((r) => r.met !== false);
}

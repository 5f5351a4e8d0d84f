/**
 * `npm run bench ingest`: POST /api/incidents at 50 keep-alive connections, closed loop, against
 * two baselines built in the same run, interleaved round by round (product, bare Express,
 * Express + zod + SQLite; three rounds, medians reported):
 *
 * - bare Express 5 echoing the JSON body (bench/baselines/expressEcho.ts);
 * - Express 5 + zod + one better-sqlite3 INSERT per request, WAL, synchronous=FULL
 *   (bench/baselines/expressZodSqlite.ts).
 *
 * Every server runs in its own process, and so does the load generator (bench/load/ingestLoad.ts),
 * each with its CPU reported. The product is started from server/src/main.ts on a temporary SQLite
 * file with the demo district, signed in as a patrol officer, and sent reports in one of its grids.
 * After each product round the process is killed (SIGKILL, no clean shutdown), started again on
 * the same file, and every report answered 201 is looked for in the event log: acknowledged means
 * committed.
 *
 * Targets (issue 11): ≥ 0.5× bare Express req/s with p99 ≤ 50 ms; ≥ 2× Express + zod + SQLite;
 * 0 acknowledged reports lost; no answer other than 201.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkBench } from './harness/child.ts';
import { cpuMeter, machineBusy, machineTimes } from './harness/cpu.ts';
import { headOf, login, reportedIdsAfter, reportSpots, startProduct, type Product } from './harness/product.ts';
import { fmtMs, fmtX, printTable, QUICK, writeArtifact, type Row } from './harness/report.ts';
import { median } from './harness/stats.ts';
import type { IngestArgs, IngestResult } from './load/ingestLoad.ts';

const CONNECTIONS = 50;
const ROUNDS = QUICK ? 1 : 3;
const WARM_MS = QUICK ? 500 : 2000;
const DURATION_MS = QUICK ? 1500 : 10_000;
const P99_GOAL_MS = 50;
const VS_EXPRESS_GOAL = 0.5;
const VS_SQLITE_GOAL = 2;

type Target = 'product' | 'express' | 'expressSqlite';
interface Measured extends IngestResult {
  serverCpuCores: number;
  /** Share of the whole machine busy during the run (0–1): this bench's processes and anything else running. */
  machineBusy: number;
}
interface ProductRound extends Measured {
  acknowledged: number;
  lost: number;
}

const load = { connections: CONNECTIONS, warmMs: WARM_MS, durationMs: DURATION_MS };

export async function run(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-bench-ingest-'));
  const file = path.join(dir, 'product.sqlite');
  console.log(
    `  ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the start (anything above 0 is other work sharing the machine)`,
  );
  const gen = await forkBench('load/ingestLoad.ts');
  const rounds: Record<Target, Measured[]> = { product: [], express: [], expressSqlite: [] };
  let product: Product | null = null;
  try {
    const tStart = performance.now();
    product = await startProduct(file);
    console.log(`  product started on a fresh demo database in ${((performance.now() - tStart) / 1000).toFixed(1)} s`);
    for (let round = 1; round <= ROUNDS; round++) {
      // The product: measured, killed, started again on the same file, every 201 looked for.
      const cookie = await login(product.url, 'patrol_liexi');
      const spots = await reportSpots(product.url, cookie);
      const head = await headOf(product.url);
      const meter = cpuMeter(product.pid);
      const m0 = machineTimes();
      const r = await gen.call<IngestResult>('run', {
        ...load,
        url: product.url,
        path: '/api/incidents',
        cookie,
        spots,
      } satisfies IngestArgs);
      const serverCpuCores = meter();
      const busy = machineBusy(m0, machineTimes());
      await product.stop('SIGKILL');
      product = await startProduct(file);
      const found = await reportedIdsAfter(product.url, await login(product.url, 'patrol_liexi'), head);
      const lost = r.created.filter((id) => !found.has(id)).length;
      const p: ProductRound = { ...r, serverCpuCores, machineBusy: busy, acknowledged: r.created.length, lost };
      rounds.product.push(p);
      console.log(
        `  round ${round} product:        ${r.rps.toFixed(0)} req/s, p50 ${fmtMs(r.latency.p50)}, p99 ${fmtMs(r.latency.p99)}, ` +
          `statuses ${JSON.stringify(r.statuses)}, ${p.acknowledged} acknowledged, ${lost} lost after SIGKILL`,
      );
      for (const [target, script] of [
        ['express', 'baselines/expressEcho.ts'],
        ['expressSqlite', 'baselines/expressZodSqlite.ts'],
      ] as const) {
        const srv = await forkBench<{ url: string }>(script);
        try {
          const m = cpuMeter(srv.pid);
          const m0 = machineTimes();
          const b = await gen.call<IngestResult>('run', { ...load, url: srv.info.url, path: '/api/incidents', spots } satisfies IngestArgs);
          rounds[target].push({ ...b, serverCpuCores: m(), machineBusy: machineBusy(m0, machineTimes()) });
          console.log(
            `  round ${round} ${target.padEnd(14)} ${b.rps.toFixed(0)} req/s, p50 ${fmtMs(b.latency.p50)}, p99 ${fmtMs(b.latency.p99)}, statuses ${JSON.stringify(b.statuses)}`,
          );
        } finally {
          await srv.stop();
        }
      }
    }
  } finally {
    await product?.stop();
    await gen.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const med = (t: Target, f: (m: Measured) => number) => median(rounds[t].map(f));
  const rps = (t: Target) => med(t, (m) => m.rps);
  const p99 = (t: Target) => med(t, (m) => m.latency.p99);
  const p50 = (t: Target) => med(t, (m) => m.latency.p50);
  const vsExpress = rps('product') / rps('express');
  const vsSqlite = rps('product') / rps('expressSqlite');
  const productRounds = rounds.product as ProductRound[];
  const acknowledged = productRounds.reduce((s, r) => s + r.acknowledged, 0);
  const lost = productRounds.reduce((s, r) => s + r.lost, 0);
  const others = productRounds.reduce(
    (s, r) => s + r.errors + Object.entries(r.statuses).reduce((n, [k, v]) => n + (k === '201' ? 0 : v), 0),
    0,
  );
  const cpu = (t: Target) =>
    `server ${med(t, (m) => m.serverCpuCores).toFixed(2)} + load ${med(t, (m) => m.loadCpuCores).toFixed(2)} cores, machine ${(med(t, (m) => m.machineBusy) * 100).toFixed(0)} % busy`;
  const rows: Row[] = [
    {
      figure: `POST /api/incidents, ${CONNECTIONS} conns, req/s`,
      product: rps('product').toFixed(0),
      baseline: `bare Express ${rps('express').toFixed(0)}`,
      ratio: fmtX(vsExpress),
      goal: `≥ ${VS_EXPRESS_GOAL}×`,
      met: vsExpress >= VS_EXPRESS_GOAL,
    },
    {
      figure: 'same, p50 / p99',
      product: `${fmtMs(p50('product'))} / ${fmtMs(p99('product'))}`,
      baseline: `bare Express ${fmtMs(p50('express'))} / ${fmtMs(p99('express'))}`,
      ratio: fmtX(p99('product') / p99('express')),
      goal: `p99 ≤ ${P99_GOAL_MS} ms`,
      met: p99('product') <= P99_GOAL_MS,
    },
    {
      figure: 'same, req/s',
      product: rps('product').toFixed(0),
      baseline: `Express+zod+SQLite FULL ${rps('expressSqlite').toFixed(0)} (p99 ${fmtMs(p99('expressSqlite'))})`,
      ratio: fmtX(vsSqlite),
      goal: `≥ ${VS_SQLITE_GOAL}×`,
      met: vsSqlite >= VS_SQLITE_GOAL,
    },
    {
      figure: 'acknowledged reports lost (SIGKILL, restart)',
      product: `${lost} of ${acknowledged}`,
      baseline: '—',
      ratio: '—',
      goal: '0',
      met: lost === 0 && acknowledged > 0,
    },
    { figure: 'answers other than 201', product: String(others), baseline: '—', ratio: '—', goal: '0', met: others === 0 },
    { figure: 'CPU (product)', product: cpu('product'), baseline: '', ratio: '', goal: '', met: null },
    { figure: 'CPU (bare Express)', product: '', baseline: cpu('express'), ratio: '', goal: '', met: null },
    { figure: 'CPU (Express+zod+SQLite)', product: '', baseline: cpu('expressSqlite'), ratio: '', goal: '', met: null },
  ];
  console.log(
    `\n  medians of ${ROUNDS} interleaved rounds, ${WARM_MS} ms warm-up + ${DURATION_MS} ms each${QUICK ? ' (BENCH_QUICK: smoke run)' : ''}`,
  );
  printTable(rows);
  const stripIds = (ms: Measured[]) => ms.map(({ created: _created, ...rest }) => rest);
  const file2 = writeArtifact('ingest', {
    quick: QUICK,
    connections: CONNECTIONS,
    warmMs: WARM_MS,
    durationMs: DURATION_MS,
    cores: os.cpus().length,
    rounds: { product: stripIds(rounds.product), express: stripIds(rounds.express), expressSqlite: stripIds(rounds.expressSqlite) },
    rows,
  });
  console.log(`  figures written to ${path.relative(process.cwd(), file2)}`);
  return rows.every((r) => r.met !== false);
}

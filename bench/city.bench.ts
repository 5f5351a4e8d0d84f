/**
 * `npm run bench city` (or CITY_RUN=1 with any selection): the city run of issue 11. Opt-in: it
 * takes minutes and needs PostgreSQL and Redis, so a plain `npm run bench` lists it as skipped.
 *
 * Three product nodes (child processes, configured by their environment only) share one
 * PostgreSQL database and one Redis prefix, made for the run and dropped after it
 * (`bench/city/setup.ts`): 2,000 grids, 20,000 open cases. Load generators in their own processes
 * (`bench/city/*.ts` workers): 1,000 phones sending a position every 10 s, 200 wall screens (the
 * `wall` account's socket, a third on each node), 50 reports/s round the nodes, for CITY_SECONDS
 * (default 120; 20 for a smoke run).
 *
 * Reported: report-to-wall latency (reporter's send → a wall's receipt, same machine clock) p50/p99
 * over every delivery; each node's CPU and RSS sampled every second; and at the clients, 0 missed
 * (each screen must have received live every case event committed after its `hello`, up to the
 * head after the drain) and 0 reordered (no sequence number lower than one received before).
 * Target: the run completes, nothing acknowledged is lost (every 201 report is in the log), and
 * nothing is missed or reordered at any screen. Refusals under load (503) and slow answers are
 * reported, not failed: they are the figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { SAMPLE_CATALOGUE } from '@streetchief/shared/district/index';
import { cityConfig, urlOfDatabase } from './city/config.ts';
import { Histogram } from './city/histogram.ts';
import { SESSION_COOKIE } from './city/http.ts';
import { serverEntry, startNode, type Node } from './city/nodes.ts';
import type { PhoneParams, PhoneResult } from './city/phones.ts';
import { PgProbe } from './city/pgProbe.ts';
import { pidsNamed, ProcSampler } from './city/procStats.ts';
import type { ReporterParams, ReporterResult } from './city/reporters.ts';
import { dropCity, middleOf, prepareCity } from './city/setup.ts';
import { WINDOW_MS, type WallParams, type WallResult } from './city/walls.ts';
import { startWorker, type Worker } from './city/worker.ts';

const OUT = path.resolve(import.meta.dirname, '../artifacts/bench/city.json');

const selected = () => process.env.CITY_RUN === '1' || (process.argv[2] ?? '').includes('city');
const log = (line: string) => console.log(`  ${line}`);
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');

async function headOf(url: string): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ value: string }>(`SELECT value FROM counters WHERE name = 'event_seq'`);
    return Number(rows[0]!.value);
  } finally {
    await db.end();
  }
}

/** How many of these case ids are not in the database. */
async function missingCases(url: string, ids: string[]): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM incidents WHERE id = ANY($1::text[])`, [ids]);
    return ids.length - Number(rows[0]!.n);
  } finally {
    await db.end();
  }
}

async function committedAfter(url: string, after: number, upTo: number): Promise<{ seqs: number[]; reports: number }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ seq: string; kind: string }>(
      `SELECT seq, kind FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
      [after, upTo],
    );
    return { seqs: rows.map((r) => Number(r.seq)), reports: rows.filter((r) => r.kind === 'report').length };
  } finally {
    await db.end();
  }
}

export async function run(): Promise<boolean> {
  if (!selected()) {
    console.log('skipped: opt-in (minutes, needs PostgreSQL + Redis): `npm run bench city`, or CITY_RUN=1');
    return true;
  }
  const cfg = cityConfig();
  const dbUrl = urlOfDatabase(cfg.pgUrl, cfg.database);
  const nodeEnv = {
    DATABASE_URL: dbUrl,
    REDIS_URL: cfg.redisUrl,
    REDIS_PREFIX: cfg.redisPrefix,
    SEED: 'none',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  console.log(`city run: ${cfg.nodes} nodes (${serverEntry().label}), database ${cfg.database}, ${cfg.seconds} s of load`);
  const nodes: Node[] = [];
  const workers: Worker[] = [];
  try {
    const { sessions, grids } = await prepareCity(cfg, nodeEnv, log);
    for (let i = 0; i < cfg.nodes; i++) nodes.push(await startNode(`node${i + 1}`, nodeEnv));
    const nodeAt = (i: number) => nodes[i % nodes.length]!.url;
    log(`nodes up: ${nodes.map((n) => `${n.name} ${n.url} pid ${n.pid}`).join(', ')}`);

    // Walls first, so each has its `hello` before any load; then the phones' patrols.
    const beforeWalls = await headOf(dbUrl);
    for (let w = 0; w < cfg.walls / cfg.wallsPerProcess; w++) {
      const screens = sessions.walls
        .slice(w * cfg.wallsPerProcess, (w + 1) * cfg.wallsPerProcess)
        .map((token, i) => ({ url: nodeAt(w * cfg.wallsPerProcess + i), token }));
      workers.push(startWorker(`walls${w + 1}`, './walls.ts', { screens, cookieName: SESSION_COOKIE } satisfies WallParams));
    }
    const wallWorkers = [...workers];
    const phones = startWorker('phones', './phones.ts', {
      phones: sessions.phones.map((p, i) => {
        const [lng, lat] = middleOf(p.grid);
        return { url: nodeAt(i), token: p.token, lng, lat };
      }),
      intervalS: cfg.phoneIntervalS,
      settleMs: cfg.settleMs,
    } satisfies PhoneParams);
    const reporters = startWorker('reporters', './reporters.ts', {
      desks: sessions.desks.map((token, i) => ({ url: nodeAt(i), token })),
      perSecond: cfg.reportsPerSecond,
      places: grids.map(middleOf),
      categories: SAMPLE_CATALOGUE.map((c) => c.code),
      settleMs: cfg.settleMs,
    } satisfies ReporterParams);
    workers.push(phones, reporters);
    await Promise.all(workers.map((w) => w.next('ready', 300_000)));
    log(`${cfg.walls} wall screens connected, ${cfg.phones} patrols started`);

    const startHead = await headOf(dbUrl);
    const sampler = new ProcSampler({
      ...Object.fromEntries(nodes.map((n) => [n.name, n.pid])),
      ...Object.fromEntries(workers.map((w) => [w.name, w.pid])),
      // Shared with everything else on the machine: context, not the nodes' own figure.
      'postgres (all backends)': pidsNamed('postgres'),
      'redis-server': pidsNamed('redis-server'),
    });
    const probe = new PgProbe(cfg.pgUrl, cfg.database);
    await probe.start();
    sampler.start();
    const t0 = performance.now();
    phones.send({ type: 'go' });
    reporters.send({ type: 'go' });
    await new Promise((r) => setTimeout(r, cfg.seconds * 1000));
    reporters.send({ type: 'stop' });
    phones.send({ type: 'stop' });
    const [rep, ph] = await Promise.all([reporters.next<ReporterResult>('done'), phones.next<PhoneResult>('done')]);
    const loadS = (performance.now() - t0) / 1000;
    const stats = sampler.stop();
    const pgSessions = await probe.stop();
    // Let the last events reach the walls, then compare what each received with what was committed.
    await new Promise((r) => setTimeout(r, cfg.drainMs));
    const endHead = await headOf(dbUrl);
    const committed = await committedAfter(dbUrl, beforeWalls, endHead);
    for (const w of wallWorkers) w.send({ type: 'verify', committed: committed.seqs });
    const walls = await Promise.all(wallWorkers.map((w) => w.next<WallResult>('done')));
    const inWindow = committed.seqs.filter((s) => s > startHead).length;
    const reportsInWindow = (await committedAfter(dbUrl, startHead, endHead)).reports;
    const lost = await missingCases(dbUrl, rep.acknowledgedIds);

    const latency = new Histogram();
    for (const w of walls) latency.merge(w.latency);
    // Windows are counted from each worker's first report; the workers' first reports are the same one, within ms.
    const windows = new Map<number, Histogram>();
    for (const w of walls)
      for (const [k, b] of Object.entries(w.latencyByWindow)) {
        if (!windows.has(Number(k))) windows.set(Number(k), new Histogram());
        windows.get(Number(k))!.merge(b);
      }
    const series = [...windows]
      .sort((a, b) => a[0] - b[0])
      .map(([k, h]) => ({ fromS: (k * WINDOW_MS) / 1000, p50: h.quantile(0.5), p99: h.quantile(0.99), max: h.max() }));
    const sum = (k: keyof WallResult) => walls.reduce((s, w) => s + (w[k] as number), 0);
    const missed = sum('missed');
    const reordered = sum('reordered');
    const result = {
      at: new Date().toISOString(),
      server: serverEntry().label,
      sizes: {
        nodes: cfg.nodes,
        grids: grids.length,
        openCases: cfg.openCases,
        phones: cfg.phones,
        phoneIntervalS: cfg.phoneIntervalS,
        walls: cfg.walls,
        reportsPerSecond: cfg.reportsPerSecond,
        seconds: cfg.seconds,
      },
      loadSeconds: loadS,
      reports: {
        sent: rep.sent,
        acknowledged: rep.acknowledged,
        acknowledgedButLost: lost,
        committedInWindow: reportsInWindow,
        http: rep.report,
      },
      positions: { sent: ph.positionsSent, http: ph.track, receivedByWalls: sum('positions') },
      events: {
        committedInWindow: inWindow,
        expectedDeliveries: sum('expected'),
        received: sum('received'),
        missed,
        screensMissing: sum('screensMissing'),
        missedSample: walls.flatMap((w) => w.missedSample).slice(0, 10),
        reordered,
        duplicates: sum('duplicates'),
        extra: sum('extra'),
        disconnects: sum('disconnects'),
        disconnectReasons: walls.map((w) => w.disconnectReasons),
        skipMarks: sum('skipMarks'),
      },
      reportToWallMs: { deliveries: latency.count, p50: latency.quantile(0.5), p99: latency.quantile(0.99), max: latency.max() },
      reportToWallBySendTime: series,
      cpu: stats,
      pgSessions,
    };
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, JSON.stringify(result, null, 2));

    console.log(
      `\n  load ${cfg.seconds} s, then ${f1(loadS - cfg.seconds)} s for the answers still out (CPU sampled over both): ${rep.sent} reports sent (${rep.acknowledged} acknowledged 201, ${lost} of them lost, ${reportsInWindow} committed), ` +
        `${ph.positionsSent} positions, ${inWindow} case events committed in the window`,
    );
    console.log(
      `  report → wall: p50 ${f1(result.reportToWallMs.p50)} ms, p99 ${f1(result.reportToWallMs.p99)} ms, max ${f1(result.reportToWallMs.max)} ms over ${latency.count} deliveries`,
    );
    console.log(
      `  report → wall p50/p99 by send time (${WINDOW_MS / 1000} s windows, s: ms/ms): ${series.map((x) => `${x.fromS}: ${f0(x.p50)}/${f0(x.p99)}`).join(', ')}`,
    );
    console.log(
      `  POST /api/incidents: p50 ${f1(rep.report.p50Ms)} ms, p99 ${f1(rep.report.p99Ms)} ms; track upload p50 ${f1(ph.track.p50Ms)} ms, p99 ${f1(ph.track.p99Ms)} ms`,
    );
    console.log(
      `  at the walls: ${result.events.received} of ${result.events.expectedDeliveries} expected deliveries, ${missed} missed (${result.events.screensMissing} screens), ` +
        `${reordered} reordered, ${result.events.duplicates} duplicates, ${result.events.disconnects} disconnects ${JSON.stringify(result.events.disconnectReasons)}`,
    );
    console.log('\n  | process | CPU mean | CPU max (1 s) | waiting for a CPU | RSS mean | RSS max |');
    console.log('  | --- | --- | --- | --- | --- | --- |');
    for (const [name, p] of Object.entries(stats.procs))
      console.log(
        `  | ${name} | ${f1(p.cpuMeanPct)} % | ${f1(p.cpuMaxPct)} % | ${f1(p.runqueueWaitPct)} % | ${f1(p.rssMeanMiB)} MiB | ${f1(p.rssMaxMiB)} MiB |`,
      );
    console.log(`  machine (${stats.cores} cores, all processes): ${f1(stats.machineBusyMeanPct)} % busy; CPU % is of one core`);
    console.log(
      `  PostgreSQL sessions of the run (mean count): ${Object.entries(pgSessions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(`  report answers ${JSON.stringify(rep.report.statuses)}, failures ${JSON.stringify(rep.report.failures)}`);
    console.log(`  track answers ${JSON.stringify(ph.track.statuses)}, failures ${JSON.stringify(ph.track.failures)}`);
    if (missed) console.log(`  first missed seqs: ${result.events.missedSample.join(', ')}`);
    console.log(`  written to ${path.relative(process.cwd(), OUT)}`);
    return missed === 0 && reordered === 0 && lost === 0;
  } finally {
    for (const w of workers) w.kill();
    await Promise.all(nodes.map((n) => n.stop()));
    await dropCity(cfg).catch((err: Error) => console.log(`  cleanup failed: ${err.message}`));
  }
}

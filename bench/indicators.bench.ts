/**
 * Indicators over one year of history (≥ 200,000 cases and their events), grouped by department
 * and by street: the engine (Kysely-built GROUP BY + P90 window query, as /api/stats runs it)
 * against the same figures from hand-written SQL on the raw driver, over the same tables, timed
 * side by side, interleaved, on SQLite and on PostgreSQL. Target: engine ≤ 1.5 × baseline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { StatsGrouping } from '@streetchief/shared/indicators/stats';
import { generateSampleDistrict, SAMPLE_CATALOGUE, SAMPLE_DEPARTMENTS } from '@streetchief/shared/district/index';
import { sampleHistory } from '../server/src/demo/seed.ts';
import { countsByGroup, GROUP_COLUMN, type Window } from '../server/src/indicators/engine.ts';
import { dropSchema, type DbConfig } from '../server/src/store/connect.ts';
import { appendEvents } from '../server/src/store/eventLog.ts';
import { insertIncidents } from '../server/src/store/incidentRepo.ts';
import { saveCatalogue, saveDepartments, saveDistrict } from '../server/src/store/referenceRepo.ts';
import { Store } from '../server/src/store/store.ts';
import { TEST_DATABASE_URL, uniqueSchema } from '../server/src/testing/services.ts';

const CASES_TARGET = 200_000;
const RATIO_TARGET = 1.5;
const NOW = new Date('2026-11-29T08:00:00Z');
const WINDOW: Window = { start: '2025-11-29T16:00:00.000Z', end: '2026-11-29T16:00:00.000Z', cutoff: NOW.toISOString() };

/** Fill a store with a year of history in monthly chunks (memory stays flat). */
async function fill(store: Store): Promise<{ cases: number; events: number; seconds: number }> {
  const t0 = performance.now();
  const district = generateSampleDistrict();
  await store.transaction(async (trx) => {
    await saveDistrict(trx, district);
    await saveDepartments(trx, [...SAMPLE_DEPARTMENTS]);
    await saveCatalogue(trx, [...SAMPLE_CATALOGUE]);
  });
  let cases = 0;
  let events = 0;
  for (let k = 0; k < 13; k++) {
    const h = sampleHistory(district, (username) => ({ id: `u-${username}`, role: 'dispatcher', name: username }), {
      now: NOW,
      days: 28,
      skipDays: 28 * k,
      perDay: [520, 600],
      seed: `bench-${k}`,
    });
    await store.transaction(async (trx) => {
      await insertIncidents(trx, h.incidents);
      for (let i = 0; i < h.events.length; i += 5000) await appendEvents(trx, h.events.slice(i, i + 5000));
    });
    cases += h.incidents.length;
    events += h.events.length;
    process.stdout.write(`  … ${cases} cases, ${events} events\r`);
  }
  return { cases, events, seconds: (performance.now() - t0) / 1000 };
}

/** The same figures, hand-written: one GROUP BY and one P90 query, parameters in order. */
function baselineSql(
  by: StatsGrouping,
  ph: (i: number) => string,
): { groupBy: string; p90: string; params: string[]; p90Params: string[] } {
  const col = GROUP_COLUMN[by];
  const [S, C] = [ph(1), ph(2)];
  const due = `(status <> 'voided' AND registered_at IS NOT NULL AND (parked_since IS NULL OR parked_since >= ${C})
    AND ((COALESCE(late_at, deadline) >= ${S} AND COALESCE(late_at, deadline) < ${C})
      OR (closed_at >= ${S} AND closed_at < ${C} AND COALESCE(late_at, deadline) >= ${C})))`;
  const groupBy = `SELECT ${col} AS key,
    SUM(CASE WHEN reported_at >= ${S} AND reported_at < ${C} THEN 1 ELSE 0 END) AS reported,
    SUM(CASE WHEN registered_at >= ${S} AND registered_at < ${C} THEN 1 ELSE 0 END) AS registered,
    SUM(CASE WHEN dispatched_at >= ${S} AND dispatched_at < ${C} THEN 1 ELSE 0 END) AS dispatched,
    SUM(CASE WHEN ${due} THEN 1 ELSE 0 END) AS due,
    SUM(CASE WHEN ${due} AND closed_at < ${C} THEN 1 ELSE 0 END) AS closed,
    SUM(CASE WHEN ${due} AND closed_at < ${C} AND closed_at <= deadline AND late_at IS NULL THEN 1 ELSE 0 END) AS closed_on_time,
    SUM(CASE WHEN ${due} AND handled_at < ${C} AND handled_at <= deadline AND late_at IS NULL THEN 1 ELSE 0 END) AS handled_on_time,
    SUM(CASE WHEN ${due} THEN feedback_count ELSE 0 END) AS feedbacks,
    SUM(CASE WHEN ${due} THEN rework_count ELSE 0 END) AS reworks,
    SUM(CASE WHEN ${due} AND return_count > 0 THEN 1 ELSE 0 END) AS returned,
    SUM(CASE WHEN ${due} AND extension_count > 0 THEN 1 ELSE 0 END) AS extended,
    SUM(CASE WHEN status <> 'voided' AND parked_since IS NULL AND registered_at < ${C} AND COALESCE(late_at, deadline) < ${C}
      AND (closed_at IS NULL OR closed_at >= ${C}) AND (status IN ('registered', 'dispatched', 'in_progress') OR handled_at >= ${C})
      THEN 1 ELSE 0 END) AS overdue_open,
    SUM(CASE WHEN ${due} AND handling_ms IS NOT NULL THEN handling_ms ELSE 0 END) AS handling_ms_sum,
    SUM(CASE WHEN ${due} AND handling_ms IS NOT NULL THEN 1 ELSE 0 END) AS handling_count
    FROM incidents
    WHERE (reported_at >= ${S} AND reported_at < ${C}) OR (deadline < ${C} AND status <> 'voided') OR (late_at < ${C} AND status <> 'voided') OR (closed_at >= ${S} AND closed_at < ${C})
    GROUP BY ${col}`;
  const p90 = `SELECT grp, MIN(h) AS p90 FROM (
      SELECT ${col} AS grp, handling_ms AS h, ROW_NUMBER() OVER (PARTITION BY ${col} ORDER BY handling_ms) AS rn, COUNT(*) OVER (PARTITION BY ${col}) AS n
      FROM incidents WHERE handling_ms IS NOT NULL AND ${due}) ranked
    WHERE rn >= 0.9 * n GROUP BY grp`;
  return { groupBy, p90, params: [WINDOW.start, WINDOW.cutoff], p90Params: [WINDOW.start, WINDOW.cutoff] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function compare(name: string, engine: () => Promise<unknown>, baseline: () => Promise<unknown>, rounds = 9): Promise<number> {
  await engine();
  await baseline();
  const e: number[] = [];
  const b: number[] = [];
  const time = async (f: () => Promise<unknown>, into: number[]) => {
    const t = performance.now();
    await f();
    into.push(performance.now() - t);
  };
  // Interleaved, alternating which goes first, so drift in machine load hits both alike.
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? [() => time(baseline, b), () => time(engine, e)] : [() => time(engine, e), () => time(baseline, b)];
    for (const step of order) await step();
  }
  const ratio = median(e) / median(b);
  console.log(
    `  ${name.padEnd(34)} engine ${median(e).toFixed(1).padStart(8)} ms   hand-written SQL ${median(b).toFixed(1).padStart(8)} ms   ratio ${ratio.toFixed(2)}`,
  );
  return ratio;
}

async function onBackend(
  label: string,
  cfg: DbConfig,
  raw: { run: (q: string, params: string[]) => Promise<unknown>; placeholder: (i: number) => string },
): Promise<boolean> {
  const store = await Store.open(cfg);
  try {
    const filled = await fill(store);
    console.log(`  ${label}: ${filled.cases} cases, ${filled.events} events loaded in ${filled.seconds.toFixed(0)} s`);
    if (filled.cases < CASES_TARGET) throw new Error(`only ${filled.cases} cases`);
    let ok = true;
    for (const by of ['department', 'street'] as const) {
      const sqlText = baselineSql(by, raw.placeholder);
      const ratio = await compare(
        `${label}, by ${by}`,
        () => countsByGroup(store.db, by, WINDOW),
        async () => {
          await raw.run(sqlText.groupBy, sqlText.params);
          await raw.run(sqlText.p90, sqlText.p90Params);
        },
      );
      ok = ok && ratio <= RATIO_TARGET;
    }
    return ok;
  } finally {
    await store.close();
  }
}

export async function run(): Promise<boolean> {
  console.log(`target: engine within ${RATIO_TARGET}× of hand-written SQL over the same tables (median of 9, interleaved)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  let ok = true;
  try {
    const db = new Database(file);
    const sqliteOk = await onBackend(
      'SQLite',
      { dialect: 'sqlite', file },
      { run: async (q, [start, cutoff]) => db.prepare(q).all({ s: start, c: cutoff }), placeholder: (i) => (i === 1 ? '@s' : '@c') },
    );
    db.close();
    ok = ok && sqliteOk;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const schema = uniqueSchema('sc_bench');
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  try {
    const store = await Store.open({ dialect: 'postgres', url: TEST_DATABASE_URL, schema });
    await store.close();
    await client.connect();
    const pgOk = await onBackend(
      'PostgreSQL',
      { dialect: 'postgres', url: TEST_DATABASE_URL, schema },
      { run: (q, p) => client.query(q, p), placeholder: (i) => `$${i}` },
    );
    ok = ok && pgOk;
  } finally {
    await client.end().catch(() => {});
    await dropSchema(TEST_DATABASE_URL, schema);
  }
  return ok;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAction, reportIncident, type ActionBody, type CaseClass, type Incident } from '@streetchief/shared';
import type { StatsResult } from '@streetchief/shared/indicators/stats';
import { generateSampleDistrict, SAMPLE_CATALOGUE, SAMPLE_DEPARTMENTS } from '@streetchief/shared/district/index';
import { Reference } from '../reference.ts';
import { dropSchema, type DbConfig } from '../store/connect.ts';
import { insertIncidents } from '../store/incidentRepo.ts';
import { saveCatalogue, saveDepartments, saveDistrict } from '../store/referenceRepo.ts';
import { insertUser } from '../store/userRepo.ts';
import { Store } from '../store/store.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';
import { computeStats } from './service.ts';

const pgUp = await postgresAvailable();
const district = generateSampleDistrict();
const grid = district.grids[0]!;
const cls: CaseClass = SAMPLE_CATALOGUE.find((c) => c.code === 'E0101')!;
const H = 3_600_000;
const dec = (day: number, hour = 10) => new Date(Date.UTC(2026, 11, day, hour - 8)); // Shanghai wall clock
const NOW = new Date('2027-01-15T00:00:00Z');

let n = 0;
/** A registered, dispatched case with the given timeline (the fixture states only what matters). */
function fact(dept: string, deadline: Date, over: Partial<Incident> = {}): Incident {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const reported = new Date(deadline.getTime() - 48 * H);
  return {
    ...reportIncident(
      { id, category: cls.code, description: '-', lng: 117.6, lat: 26.25, source: 'patrol', photoIds: [] },
      { gridCode: grid.code, communityCode: grid.communityCode, streetCode: grid.streetCode },
      cls,
      null,
      {
        actor: { id: 'x', role: 'dispatcher', name: 'x' },
        now: reported,
        deadline: () => deadline,
        workingMs: (a, b) => b.getTime() - a.getTime(),
      },
    ).incident,
    status: 'in_progress',
    registeredAt: reported.toISOString(),
    dispatchedAt: reported.toISOString(),
    leadDept: dept,
    deadline: deadline.toISOString(),
    ...over,
  };
}
const closedAt = (c: Incident, at: Date): Incident => ({
  ...c,
  status: 'closed',
  handledAt: at.toISOString(),
  closedAt: at.toISOString(),
  feedbackCount: 1,
  handlingMs: at.getTime() - Date.parse(c.dispatchedAt!),
});

/**
 * The fixture, with its answers worked out here:
 * - 环卫 hwc: 972 due in December (deadlines Dec 2–28): 737 closed on time, 174 closed late but
 *   within December, 61 still open → closure 911/972 = 93.72 %, on time 737/972 = 75.82 %;
 *   plus one parked case and one voided case with December deadlines, which are not due.
 * - 市政 szj: one case walked through the real transitions with one failed check: 2 feedbacks,
 *   1 rework → rework rate 50 %; closed on time → 100 %.
 */
function buildFixture(): Incident[] {
  const out: Incident[] = [];
  for (let i = 0; i < 972; i++) {
    const deadline = dec(2 + (i % 27), 17);
    const c = fact('hwc', deadline);
    if (i < 737) out.push(closedAt(c, new Date(deadline.getTime() - 2 * H)));
    else if (i < 911) out.push(closedAt(c, new Date(deadline.getTime() + 3 * H)));
    else out.push(c);
  }
  out.push(fact('hwc', dec(15), { status: 'parked', parkedFrom: 'in_progress', parkedAt: dec(10).toISOString() }));
  out.push(fact('hwc', dec(16), { status: 'voided' }));
  // szj: report → register → dispatch → accept → feedback → check_fail → feedback → check_pass.
  const ctx = (at: Date) => ({
    actor: { id: 'x', role: 'dispatcher', name: 'x' },
    now: at,
    deadline: (f: Date) => new Date(f.getTime() + 72 * H),
    workingMs: (a: Date, b: Date) => b.getTime() - a.getTime(),
  });
  let c = reportIncident(
    {
      id: '00000000-0000-4000-8000-00000000aaaa',
      category: cls.code,
      description: '-',
      lng: 117.6,
      lat: 26.25,
      source: 'patrol',
      photoIds: [],
    },
    { gridCode: grid.code, communityCode: grid.communityCode, streetCode: grid.streetCode },
    cls,
    null,
    ctx(dec(7, 9)),
  ).incident;
  const steps: ActionBody[] = [
    { type: 'register', expectedVersion: 1 },
    { type: 'dispatch', expectedVersion: 2, leadDept: 'szj', assistDepts: [] },
    { type: 'accept', expectedVersion: 3 },
    { type: 'feedback', expectedVersion: 4, note: '已处置', photoIds: [] },
    { type: 'check_fail', expectedVersion: 5, reason: '未到位', photoIds: [] },
    { type: 'feedback', expectedVersion: 6, note: '返工完成', photoIds: [] },
    { type: 'check_pass', expectedVersion: 7, photoIds: [] },
  ];
  steps.forEach((b, i) => (c = applyAction(c, b, cls, ctx(dec(7, 10 + i))).incident));
  out.push(c);
  return out;
}

async function statsOn(cfg: DbConfig, by: 'department' | 'street' = 'department'): Promise<StatsResult> {
  const store = await Store.open(cfg);
  try {
    await store.transaction(async (trx) => {
      await saveDistrict(trx, district);
      await saveDepartments(trx, [...SAMPLE_DEPARTMENTS]);
      await saveCatalogue(trx, [...SAMPLE_CATALOGUE]);
      await insertIncidents(trx, fixture);
    });
    const ref = await Reference.load(store);
    return await computeStats(store.db, ref, { from: '2026-12-01', to: '2026-12-31', by }, NOW);
  } finally {
    await store.close();
  }
}

const fixture = buildFixture();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-stats-'));
let sqlite: StatsResult;
beforeAll(async () => {
  sqlite = await statsOn({ dialect: 'sqlite', file: path.join(dir, 'a.sqlite') });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('indicator engine on a hand-built fixture', () => {
  it('972 due, 911 closed, 737 on time → 93.72 % and 75.82 %; parked and voided cases are not due', () => {
    const hwc = sqlite.rows.find((r) => r.key === 'hwc')!;
    expect(hwc).toMatchObject({
      label: '环境卫生管理处',
      due: 972,
      closed: 911,
      closedOnTime: 737,
      closureRate: 93.72,
      onTimeClosureRate: 75.82,
      overdueOpen: 61,
    });
  });

  it('a parked case leaves the on-time denominator only while it is parked', async () => {
    const idx = fixture.findIndex((c) => c.status === 'parked');
    const parked = fixture[idx]!;
    fixture[idx] = { ...parked, status: 'in_progress', parkedFrom: null, parkedAt: null };
    try {
      const again = await statsOn({ dialect: 'sqlite', file: path.join(dir, 'b.sqlite') });
      expect(again.rows.find((r) => r.key === 'hwc')).toMatchObject({ due: 973, closed: 911, onTimeClosureRate: 75.75 });
    } finally {
      fixture[idx] = parked;
    }
  });

  it('a failed check counts as rework once; handling time is counted to the last feedback', () => {
    const szj = sqlite.rows.find((r) => r.key === 'szj')!;
    expect(szj).toMatchObject({ due: 1, closed: 1, closedOnTime: 1, feedbacks: 2, reworks: 1, reworkRate: 50, closureRate: 100 });
    // Dispatched 11:00, last feedback 15:00 (steps one hour apart from 10:00): 4 hours.
    expect(szj.meanHandlingHours).toBe(4);
    expect(szj.p90HandlingHours).toBe(4);
  });

  it('the total adds the groups, and the previous period (November) is empty', () => {
    expect(sqlite.total).toMatchObject({ due: 973, closed: 912 });
    expect(sqlite.rows.find((r) => r.key === 'hwc')!.previous).toMatchObject({ due: 0, closureRate: null });
  });

  it('groups by street as well', async () => {
    const byStreet = await statsOn({ dialect: 'sqlite', file: path.join(dir, 'c.sqlite') }, 'street');
    // Every street has a row (its patrol figures exist even without cases); the cases are all in one.
    expect(byStreet.rows.map((r) => r.key).sort()).toEqual(district.streets.map((x) => x.code).sort());
    expect(byStreet.rows.find((r) => r.key === grid.streetCode)).toMatchObject({ due: 973 });
    expect(byStreet.rows.filter((r) => r.key !== grid.streetCode).every((r) => r.due === 0)).toBe(true);
  });
});

describe('lateness is a fact: a late case re-dated by a meeting stays late', () => {
  /** Walks real transitions: report Dec 1 09:00, deadline 72 h after each dispatch. */
  function walk(id: string, lead: string, steps: [Date, ActionBody][]): Incident {
    const ctx = (at: Date) => ({
      actor: { id: 'x', role: 'dispatcher', name: 'x', departmentCode: lead },
      now: at,
      deadline: (f: Date) => new Date(f.getTime() + 72 * H),
      workingMs: (a: Date, b: Date) => b.getTime() - a.getTime(),
    });
    let c = reportIncident(
      { id, category: cls.code, description: '-', lng: 117.6, lat: 26.25, source: 'patrol', photoIds: [] },
      { gridCode: grid.code, communityCode: grid.communityCode, streetCode: grid.streetCode },
      cls,
      null,
      ctx(dec(1, 9)),
    ).incident;
    for (const [at, body] of steps) c = applyAction(c, { ...body, expectedVersion: c.version } as ActionBody, cls, ctx(at)).incident;
    return c;
  }
  const start: [Date, ActionBody][] = [
    [dec(1, 10), { type: 'register', expectedVersion: 0 }],
    [dec(1, 11), { type: 'dispatch', expectedVersion: 0, leadDept: 'gaj', assistDepts: [] }], // deadline Dec 4 11:00
    [dec(1, 12), { type: 'accept', expectedVersion: 0 }],
  ];
  const finish: [Date, ActionBody][] = [
    [dec(10, 10), { type: 'feedback', expectedVersion: 0, note: '已处置', photoIds: [] }],
    [dec(10, 15), { type: 'check_pass', expectedVersion: 0, photoIds: [] }],
  ];

  it('re-dated after it went late: due in the period it went late, closed, not on time', async () => {
    // Three days over (Dec 7), the meeting sets Dec 20; it is then done on Dec 10, before the new deadline.
    const redated = walk('00000000-0000-4000-8000-00000000bb01', 'gaj', [
      ...start,
      [dec(7, 10), { type: 'decide', expectedVersion: 0, reason: '联席例会：限期整改', assistDepts: [], deadline: dec(20).toISOString() }],
      ...finish,
    ]);
    expect(redated.lateAt).toBe(dec(4, 11).toISOString());
    expect(redated.deadline).toBe(dec(20).toISOString());
    // An extension approved before the deadline: the case is judged by the new deadline, and is on time.
    const extended = walk('00000000-0000-4000-8000-00000000bb02', 'gaj', [
      ...start,
      [dec(2, 10), { type: 'request_extension', expectedVersion: 0, reason: '需协调', until: dec(12).toISOString() }],
      [dec(3, 10), { type: 'approve_extension', expectedVersion: 0 }],
      ...finish,
    ]);
    expect(extended.lateAt).toBeNull();
    const store = await Store.open({ dialect: 'sqlite', file: path.join(dir, 'late.sqlite') });
    try {
      await store.transaction(async (trx) => {
        await saveDistrict(trx, district);
        await saveDepartments(trx, [...SAMPLE_DEPARTMENTS]);
        await saveCatalogue(trx, [...SAMPLE_CATALOGUE]);
        await insertIncidents(trx, [redated, extended]);
      });
      const ref = await Reference.load(store);
      const s = await computeStats(store.db, ref, { from: '2026-12-01', to: '2026-12-31', by: 'department' }, NOW);
      expect(s.rows.find((r) => r.key === 'gaj')).toMatchObject({ due: 2, closed: 2, closedOnTime: 1, onTimeClosureRate: 50 });
      // The re-dated case counts in the week it went late, not the week of its new deadline.
      const wentLate = await computeStats(store.db, ref, { from: '2026-12-01', to: '2026-12-07', by: 'department' }, NOW);
      expect(wentLate.rows.find((r) => r.key === 'gaj')).toMatchObject({ due: 1, closedOnTime: 0 });
      // While open after the re-dating (cut-off Dec 8), it is still overdue.
      const open = await computeStats(store.db, ref, { from: '2026-12-01', to: '2026-12-31', by: 'department' }, dec(8, 9));
      expect(open.rows.find((r) => r.key === 'gaj')).toMatchObject({ overdueOpen: 1 });
    } finally {
      await store.close();
    }
  });
});

describe('patrol coverage and daily-report timeliness', () => {
  it('counts grid-days crossed by patrols and reports filed on time, per street', async () => {
    const store = await Store.open({ dialect: 'sqlite', file: path.join(dir, 'field.sqlite') });
    try {
      const street = district.streets[0]!.code;
      const inStreet = district.grids.filter((g) => g.streetCode === street);
      const [g1, g2] = [inStreet[0]!.code, inStreet[1]!.code];
      await store.transaction(async (trx) => {
        await saveDistrict(trx, district);
        await saveDepartments(trx, [...SAMPLE_DEPARTMENTS]);
        await saveCatalogue(trx, [...SAMPLE_CATALOGUE]);
        const patrol = (id: string, day: string, gridCodes: string[]) => ({
          id,
          user_id: 'u-p',
          day,
          status: 'finished',
          started_at: `${day}T01:00:00.000Z`,
          updated_at: `${day}T02:00:00.000Z`,
          data: JSON.stringify({ gridCodes }),
        });
        // Two patrols on Dec 3 cross g1 twice and g2 once; one on Dec 4 crosses g1: 3 distinct grid-days.
        await trx
          .insertInto('patrols')
          .values([patrol('p1', '2026-12-03', [g1, g2]), patrol('p2', '2026-12-03', [g1]), patrol('p3', '2026-12-04', [g1])])
          .execute();
        await insertUser(
          trx,
          { id: 'u-g', username: 'g', displayName: 'G', role: 'grid_staff', departmentCode: null, streetCode: null, gridCodes: [g1] },
          'x',
        );
        const report = (id: string, day: string, late: number) => ({
          id,
          user_id: 'u-g',
          day,
          submitted_at: `${day}T10:00:00.000Z`,
          late,
          data: '{}',
        });
        await trx
          .insertInto('daily_reports')
          .values([report('r1', '2026-12-03', 0), report('r2', '2026-12-04', 1)])
          .execute();
      });
      const ref = await Reference.load(store);
      const s = await computeStats(store.db, ref, { from: '2026-12-01', to: '2026-12-31', by: 'street' }, NOW);
      const row = s.rows.find((r) => r.key === street)!;
      expect(row).toMatchObject({ gridDays: inStreet.length * 31, patrolledGridDays: 3, reportsExpected: 31, reportsOnTime: 1 });
      expect(row.patrolCoverage).toBe(Math.round((3 / (inStreet.length * 31)) * 10_000) / 100);
      expect(row.reportTimeliness).toBe(3.23); // 1 ÷ 31
      expect(s.total.gridDays).toBe(165 * 31);
      // A month still running counts days up to today only.
      const midMonth = await computeStats(
        store.db,
        ref,
        { from: '2026-12-01', to: '2026-12-31', by: 'street' },
        new Date('2026-12-10T04:00:00Z'),
      );
      expect(midMonth.rows.find((r) => r.key === street)!.reportsExpected).toBe(10);
      // Departments have no area: no field figures.
      const byDept = await computeStats(store.db, ref, { from: '2026-12-01', to: '2026-12-31', by: 'department' }, NOW);
      expect(byDept.total.patrolCoverage).toBeNull();
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!pgUp)('on PostgreSQL (skipped only outside CI when it is unreachable)', () => {
  it('gives results identical to SQLite', async () => {
    const schema = uniqueSchema('sc_stats');
    try {
      const pg = await statsOn({ dialect: 'postgres', url: TEST_DATABASE_URL, schema });
      expect(pg).toEqual(sqlite);
    } finally {
      await dropSchema(TEST_DATABASE_URL, schema);
    }
  });
});

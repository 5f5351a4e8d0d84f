import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patrol, Sighting } from '@streetchief/shared';
import { emptyChecklist, type DailyReport } from '@streetchief/shared/field/index';
import { dropSchema, type DbConfig } from '../store/connect.ts';
import { Store } from '../store/store.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';
import { dailyReportOf, dailyReportsOfDay, getDailyReport, insertDailyReport } from './dailyReportRepo.ts';
import {
  countPoints,
  getPatrol,
  insertPatrol,
  insertPoints,
  openPatrolsOf,
  patrolsOfDay,
  pointsOf,
  pointsOfPatrols,
  updatePatrol,
} from './patrolRepo.ts';
import { getSighting, insertSighting, sightingsOf } from './sightingRepo.ts';

const pgUp = await postgresAvailable();
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function patrol(n: number, user: string, day = '2026-12-01'): Patrol {
  return {
    id: uuid(n),
    userId: user,
    userName: '巡查员',
    status: 'active',
    day,
    startedAt: `${day}T01:00:00.000Z`,
    endedAt: null,
    pauses: [],
    pointCount: 0,
    distanceM: 0,
    gridCodes: [],
    last: null,
    updatedAt: `${day}T01:00:00.000Z`,
  };
}

function report(n: number, user: string, day = '2026-12-01'): DailyReport {
  return {
    id: uuid(n),
    userId: user,
    userName: '巡查员',
    day,
    submittedAt: `${day}T10:00:00.000Z`,
    receivedAt: `${day}T10:00:01.000Z`,
    deadline: `${day}T12:00:00.000Z`,
    late: false,
    gridsCovered: ['35040400200801'],
    gridsMissed: [],
    patrolIds: [],
    distanceM: 1234,
    incidentIds: [],
    checklist: emptyChecklist(),
    notes: '完成',
  };
}

/** The field tables' contract, run against each backend. */
function contract(name: string, makeConfig: () => { cfg: DbConfig; cleanup: () => Promise<void> }) {
  describe(`field store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const made = makeConfig();
      cleanup = made.cleanup;
      store = await Store.open(made.cfg);
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('keeps a patrol once per id and finds it by day, user and open state', async () => {
      expect(await insertPatrol(store.db, patrol(1, 'u1'))).toBe(true);
      expect(await insertPatrol(store.db, { ...patrol(1, 'u2') })).toBe(false);
      await insertPatrol(store.db, patrol(2, 'u2'));
      await insertPatrol(store.db, patrol(3, 'u1', '2026-12-02'));
      expect((await getPatrol(store.db, uuid(1)))!.userId).toBe('u1');
      expect((await patrolsOfDay(store.db, '2026-12-01')).map((p) => p.id)).toEqual([uuid(1), uuid(2)]);
      expect((await patrolsOfDay(store.db, '2026-12-01', 'u2')).map((p) => p.id)).toEqual([uuid(2)]);
      await updatePatrol(store.db, { ...patrol(1, 'u1'), status: 'finished', endedAt: '2026-12-01T02:00:00.000Z' });
      expect((await openPatrolsOf(store.db, 'u1')).map((p) => p.id)).toEqual([uuid(3)]);
      expect(await getPatrol(store.db, uuid(99))).toBeNull();
    });

    it('stores each fix once, with full coordinate precision, in time order', async () => {
      const pts = [2, 0, 1].map((i) => ({
        t: `2026-12-01T01:00:0${i}.000Z`,
        lng: 117.60650201337216 + i * 1e-6,
        lat: 26.245755000000003,
        acc: i === 0 ? undefined : 5,
      }));
      expect(await insertPoints(store.db, uuid(1), pts)).toBe(3);
      expect(await insertPoints(store.db, uuid(1), pts)).toBe(0);
      expect(await insertPoints(store.db, uuid(1), [...pts, { t: '2026-12-01T01:00:03.000Z', lng: 117.6, lat: 26.2 }])).toBe(1);
      expect(await countPoints(store.db, uuid(1))).toBe(4);
      const got = await pointsOf(store.db, uuid(1));
      expect(got.map((p) => p.t)).toEqual([0, 1, 2, 3].map((i) => Date.parse(`2026-12-01T01:00:0${i}.000Z`)));
      expect(got[0]).toEqual({
        t: Date.parse('2026-12-01T01:00:00.000Z'),
        lng: 117.60650201337216,
        lat: 26.245755000000003,
        acc: undefined,
      });
      expect(got[1]!.acc).toBe(5);
      // The same instant in another patrol is another point.
      expect(await insertPoints(store.db, uuid(2), pts.slice(0, 1))).toBe(1);
      const many = await pointsOfPatrols(store.db, [uuid(1), uuid(2), uuid(3)]);
      expect([...many].map(([id, p]) => [id, p.length])).toEqual([
        [uuid(1), 4],
        [uuid(2), 1],
        [uuid(3), 0],
      ]);
      // A large batch goes in chunks.
      const big = Array.from({ length: 450 }, (_, i) => ({
        t: new Date(Date.parse('2026-12-01T02:00:00Z') + i * 1000).toISOString(),
        lng: 117.6,
        lat: 26.2,
      }));
      expect(await insertPoints(store.db, uuid(3), big)).toBe(450);
    });

    it('keeps one daily report per user and day', async () => {
      expect(await insertDailyReport(store.db, report(10, 'u1'))).toBe(true);
      expect(await insertDailyReport(store.db, report(10, 'u1'))).toBe(false);
      expect(await insertDailyReport(store.db, report(11, 'u1'))).toBe(false);
      expect(await insertDailyReport(store.db, report(12, 'u2'))).toBe(true);
      expect(await insertDailyReport(store.db, report(13, 'u1', '2026-12-02'))).toBe(true);
      expect((await getDailyReport(store.db, uuid(10)))!.checklist).toEqual(emptyChecklist());
      expect((await dailyReportOf(store.db, 'u1', '2026-12-02'))!.id).toBe(uuid(13));
      expect((await dailyReportsOfDay(store.db, '2026-12-01')).map((r) => r.id)).toEqual([uuid(10), uuid(12)]);
    });

    it('keeps sightings once per id, listed by case', async () => {
      const s: Sighting = {
        id: uuid(20),
        incidentId: uuid(500),
        userId: 'u1',
        userName: '巡查员',
        at: '2026-12-01T03:00:00.000Z',
        note: '还在',
        lng: null,
        lat: null,
        photoIds: [],
      };
      expect(await insertSighting(store.db, s)).toBe(true);
      expect(await insertSighting(store.db, { ...s, note: '第二次' })).toBe(false);
      await insertSighting(store.db, { ...s, id: uuid(21), at: '2026-12-01T04:00:00.000Z' });
      expect((await getSighting(store.db, uuid(20)))!.note).toBe('还在');
      expect((await sightingsOf(store.db, uuid(500))).map((x) => x.id)).toEqual([uuid(20), uuid(21)]);
    });
  });
}

contract('SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-field-'));
  return {
    cfg: { dialect: 'sqlite', file: path.join(dir, 'field.sqlite') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

describe.skipIf(!pgUp)('PostgreSQL (skipped only outside CI when it is unreachable)', () => {
  contract('PostgreSQL', () => {
    const schema = uniqueSchema('sc_field');
    return { cfg: { dialect: 'postgres', url: TEST_DATABASE_URL, schema }, cleanup: () => dropSchema(TEST_DATABASE_URL, schema) };
  });
});

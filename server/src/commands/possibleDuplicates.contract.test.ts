import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PossibleDuplicate, User } from '@streetchief/shared';
import { generateSampleDistrict, SAMPLE_CATALOGUE, SAMPLE_DEPARTMENTS } from '@streetchief/shared/district/index';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { hashPassword } from '../auth/password.ts';
import { Reference } from '../reference.ts';
import { saveCatalogue, saveDepartments, saveDistrict } from '../store/referenceRepo.ts';
import { insertUser } from '../store/userRepo.ts';
import { postgresAvailable } from '../testing/services.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const pgUp = await postgresAvailable();
const PASSWORD = 'duplicates-test-1';
const district = generateSampleDistrict();
/** A grid in the middle of the district: 100 m around its inner point is still in the district. */
const grid = district.grids[80]!;
const [lng0, lat0] = interiorPoint(grid.polygon)!;
/** `m` metres north and `e` metres east of the grid's inner point. */
const at = (m: number, e = 0) => ({
  lng: lng0 + e / (111_195 * Math.cos((lat0 * Math.PI) / 180)),
  lat: lat0 + m / 111_195,
});
const DAY = 86_400_000;

function suite(dialect: 'sqlite' | 'postgres') {
  let s: TestServer;
  let clock = new Date('2026-06-10T02:00:00.000Z');
  const cookies: Record<string, string> = {};
  /** The first test's two reports of E0101, 30 m apart. */
  const firstTwo: string[] = [];

  async function addUser(username: string, role: User['role']): Promise<void> {
    const user: User = {
      id: `u-${username}`,
      username,
      displayName: username,
      role,
      departmentCode: null,
      streetCode: null,
      gridCodes: [],
    };
    await insertUser(s.store.db, user, await hashPassword(PASSWORD));
    cookies[username] = await s.login(username, PASSWORD);
  }

  /** Move the server's clock; sessions may lapse over weeks, so everyone signs in again. */
  async function moveClock(to: Date): Promise<void> {
    clock = to;
    for (const who of Object.keys(cookies)) cookies[who] = await s.login(who, PASSWORD);
  }

  /** A report as the phone sends it; the server's clock moves to `when` first. */
  async function report(
    who: string,
    where: { lng: number; lat: number },
    o: { category?: string; id?: string; when?: Date } = {},
  ): Promise<{ status: number; id: string; caseNo: string; reportedAt: string; duplicates: PossibleDuplicate[] }> {
    if (o.when) await moveClock(o.when);
    const id = o.id ?? randomUUID();
    const r = await s.api('POST', '/api/incidents', {
      cookie: cookies[who],
      body: { id, category: o.category ?? 'E0101', description: '垃圾堆', ...where, source: 'patrol', photoIds: [] },
    });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    const c = r.body.incident;
    return { status: r.status, id: c.id, caseNo: c.caseNo, reportedAt: c.reportedAt, duplicates: c.possibleDuplicates };
  }

  beforeAll(async () => {
    s = await startTestServer({ dialect, seed: 'none', now: () => clock });
    // The sample district's reference data only: no demo cases, so every case here is the test's own.
    await s.store.transaction(async (trx) => {
      await saveDistrict(trx, district);
      await saveDepartments(trx, [...SAMPLE_DEPARTMENTS]);
      await saveCatalogue(trx, [...SAMPLE_CATALOGUE]);
    });
    s.ctx.ref = await Reference.load(s.store);
    await addUser('patrol_a', 'patrol');
    await addUser('patrol_b', 'patrol');
    await addUser('desk', 'dispatcher');
  });
  afterAll(() => s?.stop());

  it('lists the reporter’s own report sent 14 s earlier 30 m away, and only cases of the same class within 50 m', async () => {
    const first = await report('patrol_a', at(0), { when: new Date('2026-06-10T02:00:00.000Z') });
    expect(first.duplicates).toEqual([]);
    const again = await report('patrol_a', at(30), { when: new Date('2026-06-10T02:00:14.000Z') });
    expect(again.status).toBe(201);
    expect(again.duplicates).toHaveLength(1);
    expect(again.duplicates[0]).toMatchObject({ id: first.id, caseNo: first.caseNo, reportedAt: first.reportedAt, sameReporter: true });
    expect(again.duplicates[0]!.distanceM).toBeCloseTo(30, 0);
    firstTwo.push(first.id, again.id);

    // Another class at the very same spot: not a duplicate of either.
    expect((await report('patrol_a', at(0), { category: 'E0102' })).duplicates).toEqual([]);
    // 60 m from the first and 30 m beyond the second: too far from the first only.
    const far = await report('patrol_b', at(60));
    expect(far.duplicates.map((d) => [d.id, d.sameReporter])).toEqual([[again.id, false]]);
    expect(far.duplicates[0]!.distanceM).toBeCloseTo(30, 0);

    // The desk sees them on the case.
    const stored = await s.api('GET', `/api/incidents/${again.id}`, { cookie: cookies.desk });
    expect(stored.body.incident.possibleDuplicates.map((d: PossibleDuplicate) => d.id)).toEqual([first.id]);
  });

  it('a retry with the same id answers the same case, which does not list itself', async () => {
    const id = randomUUID();
    const made = await report('patrol_a', at(5, 5), { id });
    const retry = await report('patrol_a', at(5, 5), { id });
    expect(retry.status).toBe(200);
    expect(retry.id).toBe(id);
    expect(retry.duplicates).toEqual(made.duplicates);
    expect(retry.duplicates.map((d) => d.id)).not.toContain(id);
    // Nearest first: (5 m N, 5 m E) is 7.1 m from the first report and 25.5 m from the second (and
    // 55 m from the one 60 m north).
    expect(retry.duplicates.map((d) => d.id)).toEqual(firstTwo);
    expect(retry.duplicates.map((d) => d.distanceM)).toEqual([expect.closeTo(7.1, 0), expect.closeTo(25.5, 0)]);
  });

  it('counts cases reported in the last 7 days, not older ones and not voided ones', async () => {
    // Away from the cases above (500 m east), on a clock of its own.
    const here = at(0, 500);
    const old = await report('patrol_b', here, { when: new Date('2026-07-01T02:00:00.000Z') });
    const recent = await report('patrol_b', at(10, 500), { when: new Date(Date.parse('2026-07-01T02:00:00.000Z') + 2 * DAY) });
    const voided = await report('patrol_b', at(3, 500));
    const v = await s.api('POST', `/api/incidents/${voided.id}/actions`, {
      cookie: cookies.desk,
      body: { type: 'void', reason: '重复上报', expectedVersion: 1 },
    });
    expect(v.status, JSON.stringify(v.body)).toBe(200);

    // Eight days after the first: only the one from six days ago is left.
    const now = await report('patrol_a', here, { when: new Date(Date.parse('2026-07-01T02:00:00.000Z') + 8 * DAY) });
    expect(now.duplicates.map((d) => d.id)).toEqual([recent.id]);
    expect(now.duplicates.map((d) => d.id)).not.toContain(old.id);
  });

  it('keeps the nearest five', async () => {
    const here = at(0, -500);
    await moveClock(new Date('2026-08-01T02:00:00.000Z'));
    const made = [];
    for (const m of [45, 40, 35, 30, 25, 20]) made.push(await report('patrol_a', at(m, -500)));
    const last = await report('patrol_b', here);
    expect(last.duplicates.map((d) => Math.round(d.distanceM))).toEqual([20, 25, 30, 35, 40]);
    expect(last.duplicates.map((d) => d.id)).toEqual(
      made
        .slice(1)
        .reverse()
        .map((c) => c.id),
    );
  });
}

describe('possible duplicates at report time on SQLite', () => suite('sqlite'));
describe.skipIf(!pgUp)('possible duplicates at report time on PostgreSQL (skipped only outside CI when it is unreachable)', () =>
  suite('postgres'),
);

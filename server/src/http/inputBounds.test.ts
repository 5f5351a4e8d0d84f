import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '@streetchief/shared/calendar/day';
import { MAX_PERIOD_DAYS } from '@streetchief/shared/calendar/period';
import { interiorPoint, unionBBox } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/**
 * Every date, time and position from outside is bounded where it is parsed: each probe below once
 * hung the process, stored nonsense or was read as another day. Each must now be a 400 naming the
 * field, answered within a second, with the server healthy afterwards.
 */

let s: TestServer;
let supervisor: string;
let patrol: string;
let dept: string;
/** A case patrol_liexi may see, and one dept_hwc handles. */
let patrolCase: { id: string; version: number; lng: number; lat: number };
let deptCase: { id: string; version: number };

beforeAll(async () => {
  s = await startTestServer();
  [supervisor, patrol, dept] = [await s.login('supervisor'), await s.login('patrol_liexi'), await s.login('dept_hwc')];
  const mine = await s.api('GET', '/api/incidents?limit=1', { cookie: patrol });
  patrolCase = mine.body.items[0];
  const handled = await s.api('GET', '/api/incidents?limit=1', { cookie: dept });
  deptCase = handled.body.items[0];
  expect(patrolCase && deptCase).toBeTruthy();
});
afterAll(() => s?.stop());

const now = () => s.ctx.now().getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const today = () => dayOf(s.ctx.now());

/** Send one request; expect a 400 naming `field` within a second, then a healthy server. */
async function refused(method: string, url: string, field: string, opts: { cookie?: string; body?: unknown } = {}): Promise<void> {
  const t0 = performance.now();
  const r = await s.api(method, url, opts);
  const ms = performance.now() - t0;
  expect({ url, status: r.status, field: r.body?.field }).toEqual({ url, status: 400, field });
  expect(r.body.error).toBe('invalid');
  expect(ms).toBeLessThan(1000);
  const health = await s.api('GET', '/healthz');
  expect(health).toMatchObject({ status: 200, body: { ok: true } });
}

describe('periods of statistics and the meeting agenda', () => {
  it('refuses the years 0001–0002 that once exhausted the heap, and years 0000 and 9999', async () => {
    await refused('GET', '/api/public/stats?from=0001-01-01&to=0002-12-31&by=grid', 'from');
    await refused('GET', '/api/public/stats?from=0000-01-01&to=0000-12-31', 'from');
    await refused('GET', '/api/public/stats?from=9999-01-01&to=9999-12-31', 'from');
    await refused('GET', '/api/public/stats?from=2026-01-01&to=9999-12-31&by=street', 'to');
    await refused('GET', '/api/stats?from=0001-01-01&to=0002-12-31&by=grid', 'from', { cookie: supervisor });
    await refused('GET', '/api/meeting/agenda?from=0001-01-01&to=0002-12-31', 'from', { cookie: supervisor });
    await refused('GET', '/api/meeting/agenda?from=0000-01-01&to=0000-12-31', 'from', { cookie: supervisor });
    await refused('GET', '/api/meeting/agenda?from=9999-01-01&to=9999-12-31', 'from', { cookie: supervisor });
    await refused('GET', '/api/exports/stats.csv?from=0001-01-01&to=0002-12-31', 'from', { cookie: supervisor });
  });

  it('refuses Feb 30, a reversed period and one over the maximum, on every route that takes one', async () => {
    const from = '2024-01-01';
    const tooLong = addDays(from, MAX_PERIOD_DAYS);
    for (const [path, cookie] of [
      ['/api/public/stats', undefined],
      ['/api/stats', supervisor],
      ['/api/meeting/agenda', supervisor],
      ['/api/exports/stats.csv', supervisor],
    ] as const) {
      await refused('GET', `${path}?from=2026-02-30&to=2026-03-31`, 'from', { cookie });
      await refused('GET', `${path}?from=2026-12-02&to=2026-12-01`, 'to', { cookie });
      await refused('GET', `${path}?from=${from}&to=${tooLong}`, 'to', { cookie });
    }
    // Half a period is a mistake, not "the default period".
    await refused('GET', '/api/meeting/agenda?from=2026-11-01', 'to', { cookie: supervisor });
    await refused('GET', '/api/meeting/agenda?to=2026-11-30', 'from', { cookie: supervisor });
  });

  it('still answers the longest period allowed, and the agenda without one', async () => {
    const to = today();
    const from = addDays(to, -(MAX_PERIOD_DAYS - 1));
    const t0 = performance.now();
    const r = await s.api('GET', `/api/public/stats?from=${from}&to=${to}&by=grid`);
    expect(r.status).toBe(200);
    expect(r.body.rows.length).toBe(165);
    expect(performance.now() - t0).toBeLessThan(5000);
    const agenda = await s.api('GET', '/api/meeting/agenda', { cookie: supervisor });
    expect(agenda.status).toBe(200);
    expect(agenda.body.to).toBe(to);
  });
});

describe('days and times of exports, case lists and workflow actions', () => {
  it('refuses impossible or far-off days and instants, naming the field', async () => {
    await refused('GET', '/api/exports/cases.csv?from=2026-02-30', 'from', { cookie: supervisor });
    await refused('GET', '/api/exports/cases.csv?from=2026-12-02&to=2026-12-01', 'to', { cookie: supervisor });
    await refused('GET', '/api/exports/decisions.csv?from=0000-01-01', 'from', { cookie: supervisor });
    await refused('GET', '/api/exports/decisions.csv?from=2026-12-02&to=2026-12-01', 'to', { cookie: supervisor });
    await refused('GET', `/api/incidents?activeSince=${encodeURIComponent('0000-01-01T00:00:00Z')}`, 'activeSince', { cookie: supervisor });
    await refused('GET', `/api/incidents?activeSince=${encodeURIComponent('9999-12-31T00:00:00Z')}`, 'activeSince', { cookie: supervisor });
  });

  it('refuses an extension or a meeting deadline in year 9999 or more than a year ahead', async () => {
    const url = (id: string) => `/api/incidents/${id}/actions`;
    const extension = { type: 'request_extension', expectedVersion: deptCase.version, reason: '材料未到' };
    await refused('POST', url(deptCase.id), 'until', { cookie: dept, body: { ...extension, until: '9999-12-31T00:00:00Z' } });
    await refused('POST', url(deptCase.id), 'until', { cookie: dept, body: { ...extension, until: iso(now() + 400 * 86_400_000) } });
    const decision = { type: 'decide', expectedVersion: patrolCase.version, reason: '限期整改' };
    await refused('POST', url(patrolCase.id), 'deadline', { cookie: supervisor, body: { ...decision, deadline: '0000-01-01T00:00:00Z' } });
  });
});

describe('field work: daily reports, patrols, tracks and sightings', () => {
  it('refuses a daily report for Feb 30 instead of reading it as 2 March', async () => {
    await refused('GET', '/api/daily-reports/draft?day=2026-02-30', 'day', { cookie: patrol });
    await refused('GET', '/api/daily-reports/status?day=2026-02-30', 'day', { cookie: supervisor });
    await refused('GET', '/api/patrols/overview?day=9999-12-31', 'day', { cookie: supervisor });
    const report = { id: randomUUID(), day: today(), submittedAt: iso(now()), checklist: {} };
    await refused('POST', '/api/daily-reports', 'day', { cookie: patrol, body: { ...report, day: '2026-02-30' } });
    await refused('POST', '/api/daily-reports', 'submittedAt', {
      cookie: patrol,
      body: { ...report, submittedAt: '0000-01-01T00:00:00Z' },
    });
    await refused('POST', '/api/daily-reports', 'submittedAt', {
      cookie: patrol,
      body: { ...report, submittedAt: iso(now() + 3_600_000) },
    });
  });

  it('refuses a patrol starting in year 0 or 9999, an hour ahead or a month ago, and actions likewise', async () => {
    for (const at of ['0000-01-01T00:00:00Z', '9999-12-31T00:00:00Z', iso(now() + 3_600_000), iso(now() - 30 * 86_400_000)]) {
      await refused('POST', '/api/patrols', 'at', { cookie: patrol, body: { id: randomUUID(), at } });
    }
    const id = randomUUID();
    const started = await s.api('POST', '/api/patrols', { cookie: patrol, body: { id, at: iso(now() - 60_000) } });
    expect(started.status).toBe(201);
    await refused('POST', `/api/patrols/${id}/actions`, 'at', { cookie: patrol, body: { type: 'pause', at: '0000-01-01T00:00:00Z' } });
    const finished = await s.api('POST', `/api/patrols/${id}/actions`, { cookie: patrol, body: { type: 'finish', at: iso(now()) } });
    expect(finished.body.patrol.status).toBe('finished');
  });

  it('refuses track points from year 0, at (0, 0) or far away; keeps points just over the boundary', async () => {
    const id = randomUUID();
    await s.api('POST', '/api/patrols', { cookie: patrol, body: { id, at: iso(now() - 120_000) } });
    const [w, south, e, north] = unionBBox(s.ctx.ref.grids.map((g) => g.polygon))!;
    const mid = (w + e) / 2;
    const point = (lng: number, lat: number, t = now() - 60_000) => ({ t: iso(t), lng, lat, acc: 10 });
    const inside = point(...interiorPoint(s.ctx.ref.grids[0]!.polygon)!);
    const track = (points: unknown[]) => ({ cookie: patrol, body: { points } });
    await refused('POST', `/api/patrols/${id}/track`, 'points.1.t', track([inside, { ...inside, t: '0000-01-01T00:00:00Z' }]));
    await refused('POST', `/api/patrols/${id}/track`, 'points.0.lat', track([point(0, 0)]));
    await refused('POST', `/api/patrols/${id}/track`, 'points.0.lat', track([point(mid, 0)]));
    await refused('POST', `/api/patrols/${id}/track`, 'points.0.lat', track([point(mid, north + 0.05)]));
    await refused('POST', `/api/patrols/${id}/track`, 'points.0.lng', track([point(116.4, (south + north) / 2)]));
    // 300 m north of the district's northern edge: a patrol on the boundary road, kept.
    const edge = point(mid, north + 300 / 111_195, now() - 30_000);
    const kept = await s.api('POST', `/api/patrols/${id}/track`, track([inside, edge]));
    expect(kept).toMatchObject({ status: 200, body: { accepted: 2 } });
  });

  it('refuses a sighting at latitude 0, outside the district or with half a position; stores one on the spot', async () => {
    const url = `/api/incidents/${patrolCase.id}/sightings`;
    const sighting = { id: randomUUID(), note: '还在' };
    await refused('POST', url, 'lat', { cookie: patrol, body: { ...sighting, lng: patrolCase.lng, lat: 0 } });
    await refused('POST', url, 'lat', { cookie: patrol, body: { ...sighting, lng: 0, lat: 0 } });
    await refused('POST', url, 'lng', { cookie: patrol, body: { ...sighting, lng: 116.4, lat: patrolCase.lat } });
    await refused('POST', url, 'lat', { cookie: patrol, body: { ...sighting, lng: patrolCase.lng } });
    const stored = await s.api('POST', url, { cookie: patrol, body: { ...sighting, lng: patrolCase.lng, lat: patrolCase.lat } });
    expect(stored.status).toBe(201);
    const list = await s.api('GET', url, { cookie: patrol });
    expect(list.body.items.map((x: { lat: number }) => x.lat)).toEqual([patrolCase.lat]);
  });
});

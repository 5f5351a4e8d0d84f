import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type PatrolPosition, type ServerToClientEvents } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const XIAOJIAO = ['35040400200801', '35040400200802', '35040400200803', '35040400200804'];

/** The test clock: 11:00 in Shanghai on 2026-12-01, moved by hand. */
let clock = Date.parse('2026-12-01T03:00:00Z');
let s: TestServer;
let patrol: string;
let wall: string;

beforeAll(async () => {
  s = await startTestServer({ now: () => new Date(clock) });
  [patrol, wall] = [await s.login('patrol_liexi'), await s.login('wall')];
});
afterAll(() => s?.stop());

const centre = (code: string) => interiorPoint(s.ctx.ref.grids.find((g) => g.code === code)!.polygon)!;

/** A walk from the centre of grid 01 west to the centre of grid 04, one fix every 10 s. */
function walk(fromMs: number, n = 40): { t: string; lng: number; lat: number; acc: number }[] {
  const [aLng, aLat] = centre(XIAOJIAO[0]!);
  const [bLng, bLat] = centre(XIAOJIAO[3]!);
  return Array.from({ length: n }, (_, i) => ({
    t: new Date(fromMs + i * 10_000).toISOString(),
    lng: aLng + ((bLng - aLng) * i) / (n - 1),
    lat: aLat + ((bLat - aLat) * i) / (n - 1),
    acc: 8,
  }));
}

function listen(cookie: string): {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  got: PatrolPosition[];
  ready: Promise<void>;
} {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(s.url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    auth: { protocol: PROTOCOL_VERSION, after: 0 },
    reconnection: false,
  });
  const got: PatrolPosition[] = [];
  socket.on('positions', (p) => got.push(...p));
  return { socket, got, ready: new Promise((r) => socket.on('hello', () => r())) };
}

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('patrols over HTTP', () => {
  it('starts a patrol once per client id, and only for patrol roles', async () => {
    const id = randomUUID();
    const at = new Date(clock).toISOString();
    const first = await s.api('POST', '/api/patrols', { cookie: patrol, body: { id, at } });
    expect(first.status).toBe(201);
    expect(first.body.patrol).toMatchObject({ id, status: 'active', day: '2026-12-01', pointCount: 0 });
    expect((await s.api('POST', '/api/patrols', { cookie: patrol, body: { id, at } })).status).toBe(200);
    const other = await s.login('patrol_xubi');
    expect((await s.api('POST', '/api/patrols', { cookie: other, body: { id, at } })).status).toBe(409);
    expect((await s.api('POST', '/api/patrols', { cookie: wall, body: { id: randomUUID(), at } })).status).toBe(403);
    expect((await s.api('POST', '/api/patrols', { body: { id: randomUUID(), at } })).status).toBe(401);
    const bad = await s.api('POST', '/api/patrols', { cookie: patrol, body: { id: 'x', at } });
    expect(bad).toMatchObject({ status: 400, body: { field: 'id' } });
    await s.api('POST', `/api/patrols/${id}/actions`, { cookie: patrol, body: { type: 'finish', at } });
  });

  it('stores a track batch once however often it is sent, computes grids crossed and sends positions to the right rooms', async () => {
    const watcher = listen(wall);
    const outsider = listen(await s.login('xubi_chief'));
    await Promise.all([watcher.ready, outsider.ready]);
    const id = randomUUID();
    // A walk of 6.5 minutes that has just ended: a phone sends fixes it has taken, none from the future.
    const started = clock - 400_000;
    await s.api('POST', '/api/patrols', { cookie: patrol, body: { id, at: new Date(started).toISOString() } });
    const points = walk(started);
    const first = await s.api('POST', `/api/patrols/${id}/track`, { cookie: patrol, body: { points } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 40, duplicates: 0 });
    expect(first.body.patrol.gridCodes).toEqual(XIAOJIAO);
    expect(first.body.patrol.distanceM).toBeGreaterThan(1200);
    // The same batch again (a retry after a lost answer), and an overlapping one: nothing doubles.
    const again = await s.api('POST', `/api/patrols/${id}/track`, { cookie: patrol, body: { points } });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 40 });
    const overlap = await s.api('POST', `/api/patrols/${id}/track`, { cookie: patrol, body: { points: points.slice(30) } });
    expect(overlap.body.accepted).toBe(0);
    const stored = await s.api('GET', `/api/patrols/${id}`, { cookie: wall });
    expect(stored.body.points).toHaveLength(40);
    expect(stored.body.patrol.pointCount).toBe(40);

    await waitFor(() => watcher.got.some((p) => p.patrolId === id));
    const pos = watcher.got.find((p) => p.patrolId === id)!;
    expect(pos).toMatchObject({ status: 'active', gridCode: XIAOJIAO[3], streetCode: '350404002', at: points.at(-1)!.t });
    await new Promise((r) => setTimeout(r, 200));
    expect(outsider.got.filter((p) => p.patrolId === id)).toEqual([]);
    watcher.socket.close();
    outsider.socket.close();

    // Someone else may not add to it; a malformed batch is a 400 naming the field.
    const other = await s.login('patrol_xubi');
    expect((await s.api('POST', `/api/patrols/${id}/track`, { cookie: other, body: { points } })).status).toBe(404);
    const bad = await s.api('POST', `/api/patrols/${id}/track`, { cookie: patrol, body: { points: [{ ...points[0], lat: 95 }] } });
    expect(bad).toMatchObject({ status: 400, body: { field: 'points.0.lat' } });
  });

  it('pauses, resumes and finishes idempotently; a new start finishes a forgotten patrol', async () => {
    const id = randomUUID();
    const at = (min: number) => new Date(clock + min * 60_000).toISOString();
    await s.api('POST', '/api/patrols', { cookie: patrol, body: { id, at: at(0) } });
    const act = (type: string, t: string) => s.api('POST', `/api/patrols/${id}/actions`, { cookie: patrol, body: { type, at: t } });
    expect((await act('pause', at(1))).body.patrol.status).toBe('paused');
    expect((await act('pause', at(1))).body.patrol.pauses).toHaveLength(1);
    // Phone times ahead of the server's clock are clamped to it.
    expect((await act('resume', at(0.5))).body.patrol).toMatchObject({ status: 'active', pauses: [{ from: at(0), to: at(0) }] });
    // The second start finishes the first.
    const next = randomUUID();
    await s.api('POST', '/api/patrols', { cookie: patrol, body: { id: next, at: at(0) } });
    expect((await s.api('GET', `/api/patrols/${id}`, { cookie: patrol })).body.patrol.status).toBe('finished');
    expect((await act('resume', at(0))).status).toBe(409);
    const done = await s.api('POST', `/api/patrols/${next}/actions`, { cookie: patrol, body: { type: 'finish', at: at(0) } });
    expect(done.body.patrol.status).toBe('finished');
    expect((await s.api('POST', `/api/patrols/${next}/actions`, { cookie: patrol, body: { type: 'finish', at: at(0) } })).status).toBe(200);
  });

  it('gives the wall positions, tracks and coverage of the day; scoped users see only their area', async () => {
    const ov = await s.api('GET', '/api/patrols/overview', { cookie: wall });
    expect(ov.status).toBe(200);
    expect(ov.body.day).toBe('2026-12-01');
    expect(ov.body.patrolledGrids).toEqual(expect.arrayContaining(XIAOJIAO));
    expect(ov.body.totalGrids).toBe(165);
    const track = ov.body.tracks.find((t: { lines: unknown[] }) => t.lines.length > 0);
    expect(track.lines[0].length).toBeGreaterThanOrEqual(2);
    // A straight walk simplifies to its two ends.
    expect(track.lines[0].length).toBeLessThan(40);
    const xubi = await s.api('GET', '/api/patrols/overview', { cookie: await s.login('xubi_chief') });
    expect(xubi.body.tracks).toEqual([]);
    expect(xubi.body.patrolledGrids).toEqual(ov.body.patrolledGrids);
  });
});

describe('daily reports over HTTP', () => {
  it('lists the grids the track crossed and the cases reported today, files once, and shows who filed per grid', async () => {
    const grid = await s.login('grid_xiaojiao');
    const caseId = randomUUID();
    const [lng, lat] = centre(XIAOJIAO[1]!);
    expect(
      (
        await s.api('POST', '/api/incidents', {
          cookie: patrol,
          body: { id: caseId, category: 'E0101', description: '日报关联', lng, lat, source: 'patrol' },
        })
      ).status,
    ).toBe(201);

    const draft = await s.api('GET', '/api/daily-reports/draft', { cookie: patrol });
    expect(draft.status).toBe(200);
    expect(draft.body.gridsCovered).toEqual(XIAOJIAO);
    expect(draft.body.gridsMissed).toEqual([]);
    expect(draft.body.incidents.map((i: { id: string }) => i.id)).toContain(caseId);
    expect(draft.body.deadline).toBe('2026-12-01T12:00:00.000Z');

    const id = randomUUID();
    const body = {
      id,
      day: '2026-12-01',
      submittedAt: new Date(clock).toISOString(),
      checklist: { sanitation: { count: 2, note: '两处暴露垃圾' }, illegal_parking: { count: 1 } },
      notes: '小蕉片区巡查完毕',
    };
    const filed = await s.api('POST', '/api/daily-reports', { cookie: patrol, body });
    expect(filed.status).toBe(201);
    expect(filed.body.report).toMatchObject({ gridsCovered: XIAOJIAO, late: false, notes: '小蕉片区巡查完毕' });
    expect(filed.body.report.incidentIds).toContain(caseId);
    expect(filed.body.report.checklist.sanitation).toEqual({ count: 2, note: '两处暴露垃圾' });
    expect(filed.body.report.checklist.other).toEqual({ count: 0, note: '' });
    expect((await s.api('POST', '/api/daily-reports', { cookie: patrol, body })).status).toBe(200);
    const second = await s.api('POST', '/api/daily-reports', { cookie: patrol, body: { ...body, id: randomUUID() } });
    expect(second).toMatchObject({ status: 409, body: { existingId: id } });
    expect((await s.api('POST', '/api/daily-reports', { cookie: wall, body: { ...body, id: randomUUID() } })).status).toBe(403);
    expect(
      (await s.api('POST', '/api/daily-reports', { cookie: grid, body: { ...body, id: randomUUID(), day: '2026-12-02' } })).body.field,
    ).toBe('day');

    const status = await s.api('GET', '/api/daily-reports/status', { cookie: wall });
    const g1 = status.body.grids.find((g: { gridCode: string }) => g.gridCode === XIAOJIAO[0]);
    expect(g1).toMatchObject({ filed: 1, expected: 2 });
    expect(g1.staff.find((p: { name: string }) => p.name.startsWith('网格员')).filedAt).toBeNull();
    const liexi = status.body.streets.find((x: { streetCode: string }) => x.streetCode === '350404002');
    expect(liexi).toMatchObject({ name: expect.stringContaining('列西'), filed: 1 });
    // A grid staff member sees their own grid only.
    const mine = await s.api('GET', '/api/daily-reports/status', { cookie: grid });
    expect(mine.body.grids.map((g: { gridCode: string }) => g.gridCode)).toEqual([XIAOJIAO[0]]);
  });

  it('judges lateness by the phone time of an offline submission and a configurable deadline', async () => {
    const grid = await s.login('grid_xiaojiao');
    expect((await s.api('PUT', '/api/daily-reports/deadline', { cookie: grid, body: { time: '18:00' } })).status).toBe(403);
    const admin = await s.login('admin');
    expect((await s.api('PUT', '/api/daily-reports/deadline', { cookie: admin, body: { time: '25:00' } })).body.field).toBe('time');
    expect((await s.api('PUT', '/api/daily-reports/deadline', { cookie: admin, body: { time: '18:00' } })).body.time).toBe('18:00');
    // Filed on the phone at 17:50, received at 21:00: on time.
    clock = Date.parse('2026-12-01T13:00:00Z');
    const onTime = await s.api('POST', '/api/daily-reports', {
      cookie: grid,
      body: { id: randomUUID(), day: '2026-12-01', submittedAt: '2026-12-01T09:50:00Z', checklist: {} },
    });
    expect(onTime.body.report).toMatchObject({
      late: false,
      submittedAt: '2026-12-01T09:50:00.000Z',
      deadline: '2026-12-01T10:00:00.000Z',
    });
    expect(onTime.body.report.gridsMissed).toEqual([XIAOJIAO[0]]);
    const dongan = await s.login('grid_dongan');
    const late = await s.api('POST', '/api/daily-reports', {
      cookie: dongan,
      body: { id: randomUUID(), day: '2026-12-01', submittedAt: '2026-12-01T12:59:00Z', checklist: {} },
    });
    expect(late.body.report.late).toBe(true);
    await s.api('PUT', '/api/daily-reports/deadline', { cookie: admin, body: { time: '20:00' } });
  });
});

describe('sightings and field photos', () => {
  it('attaches a duplicate report to the existing case instead, with its photo served to whoever sees the case', async () => {
    const [lng, lat] = centre(XIAOJIAO[2]!);
    const caseId = randomUUID();
    await s.api('POST', '/api/incidents', {
      cookie: patrol,
      body: { id: caseId, category: 'E0101', description: '原案', lng, lat, source: 'patrol' },
    });
    const grid = await s.login('grid_xiaojiao');
    const other = await s.login('patrol_liedong');
    // grid_xiaojiao's grid is 01; the case is in 03: outside their scope.
    expect((await s.api('POST', `/api/incidents/${caseId}/sightings`, { cookie: grid, body: { id: randomUUID() } })).status).toBe(404);
    const photoId = randomUUID();
    const up = await fetch(`${s.url}/api/photos?id=${photoId}`, {
      method: 'POST',
      headers: { cookie: patrol, 'content-type': 'image/png' },
      body: new Uint8Array(PNG),
    });
    expect(up.status).toBe(201);
    const id = randomUUID();
    const body = { id, note: '仍未清理', lng, lat, photoIds: [photoId] };
    expect((await s.api('POST', `/api/incidents/${caseId}/sightings`, { cookie: patrol, body })).status).toBe(201);
    expect((await s.api('POST', `/api/incidents/${caseId}/sightings`, { cookie: patrol, body })).status).toBe(200);
    const list = await s.api('GET', `/api/incidents/${caseId}/sightings`, { cookie: wall });
    expect(list.body.items).toMatchObject([{ id, note: '仍未清理', photoIds: [photoId] }]);
    expect((await fetch(`${s.url}/api/photos/${photoId}`, { headers: { cookie: wall } })).status).toBe(200);
    expect((await fetch(`${s.url}/api/photos/${photoId}`, { headers: { cookie: other } })).status).toBe(404);
  });

  it('a report whose photo was refused is refused whole: no case, nothing stored', async () => {
    const photoId = randomUUID();
    const text = await fetch(`${s.url}/api/photos?id=${photoId}`, {
      method: 'POST',
      headers: { cookie: patrol, 'content-type': 'image/jpeg' },
      body: new TextEncoder().encode('IMG_0001.jpg is really a text file'),
    });
    expect(text.status).toBe(400);
    expect(await text.json()).toMatchObject({ field: 'file', reason: expect.stringMatching(/not an image/) });
    const [lng, lat] = centre(XIAOJIAO[0]!);
    const id = randomUUID();
    const r = await s.api('POST', '/api/incidents', {
      cookie: patrol,
      body: { id, category: 'E0101', description: '带照片', lng, lat, source: 'patrol', photoIds: [photoId] },
    });
    expect(r).toMatchObject({ status: 400, body: { field: 'photoIds.0' } });
    expect((await s.api('GET', `/api/incidents/${id}`, { cookie: patrol })).status).toBe(404);
  });
});

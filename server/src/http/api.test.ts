import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let s: TestServer;
let dispatcher: string;
let patrol: string;
let point: [number, number];
let gridCode: string;

beforeAll(async () => {
  s = await startTestServer();
  dispatcher = await s.login('dispatcher');
  patrol = await s.login('patrol_liexi');
  const grid = s.ctx.ref.grids.find((g) => g.code === '35040400200801')!;
  gridCode = grid.code;
  point = interiorPoint(grid.polygon)!;
});
afterAll(() => s?.stop());

const report = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  category: 'E0101',
  description: '路边有暴露垃圾',
  lng: point[0],
  lat: point[1],
  source: 'patrol',
  ...over,
});

async function countCases(): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${cursor}` : '';
    const r = await s.api<{ items: unknown[]; nextCursor: string | null }>('GET', `/api/incidents?limit=500${q}`, { cookie: dispatcher });
    n += r.body.items.length;
    cursor = r.body.nextCursor;
  } while (cursor);
  return n;
}

describe('session', () => {
  it('signs in, tells who is signed in, and signs out', async () => {
    const cookie = await s.login('wall');
    const me = await s.api('GET', '/api/session', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'wall', role: 'wall' });
    expect(me.body.user.password_hash).toBeUndefined();
    expect((await s.api('DELETE', '/api/session', { cookie })).status).toBe(204);
    expect((await s.api('GET', '/api/session', { cookie })).status).toBe(401);
  });

  it('refuses a wrong password and a malformed body', async () => {
    expect((await s.api('POST', '/api/session', { body: { username: 'wall', password: 'nope' } })).status).toBe(401);
    const bad = await s.api('POST', '/api/session', { body: { username: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('username');
  });
});

describe('sign-in throttling', () => {
  it('after 10 failed attempts the account answers 429 with Retry-After, even to the right password', async () => {
    for (let i = 0; i < 10; i++)
      expect((await s.api('POST', '/api/session', { body: { username: 'grid_dongan', password: `guess${i}` } })).status).toBe(401);
    const res = await fetch(`${s.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'grid_dongan', password: 'demo1234' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not affected.
    expect((await s.api('POST', '/api/session', { body: { username: 'grid_xubi', password: 'demo1234' } })).status).toBe(200);
  });
});

describe('geography', () => {
  it('serves 165 grids as GeoJSON, staff only to signed-in users', async () => {
    const pub = await s.api('GET', '/api/grids');
    expect(pub.status).toBe(200);
    expect(pub.body.type).toBe('FeatureCollection');
    expect(pub.body.features).toHaveLength(165);
    expect(pub.body.disclaimer).toContain('非官方');
    const f = pub.body.features.find((x: any) => x.id === '35040400200801');
    expect(f.properties).toMatchObject({ communityName: '小蕉社区', streetName: '列西街道' });
    expect(f.properties.staff).toBeUndefined();
    expect(JSON.stringify(pub.body)).not.toMatch(/1380000\d{4}/);
    const signed = await s.api('GET', '/api/grids', { cookie: dispatcher });
    expect(signed.body.features[0].properties.staff).toHaveLength(5);
  });

  it('locates a point, 404 outside the district, 400 for nonsense', async () => {
    const r = await s.api('GET', `/api/grids/locate?lng=${point[0]}&lat=${point[1]}`);
    expect(r.status).toBe(200);
    expect(r.body.gridCode).toBe(gridCode);
    expect((await s.api('GET', '/api/grids/locate?lng=117.5&lat=26.0')).status).toBe(404);
    const bad = await s.api('GET', '/api/grids/locate?lng=abc&lat=26');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('lng');
  });

  it('serves the class catalogue publicly', async () => {
    const r = await s.api('GET', '/api/categories');
    expect(r.body.classes.length).toBeGreaterThanOrEqual(40);
    expect(r.body.departments.length).toBeGreaterThanOrEqual(8);
  });
});

describe('reporting a case', () => {
  it('assigns the grid from the location and the deadline from the class', async () => {
    const body = report();
    const r = await s.api('POST', '/api/incidents', { body, cookie: patrol });
    expect(r.status).toBe(201);
    expect(r.body.incident).toMatchObject({ id: body.id, status: 'reported', gridCode, streetCode: '350404002', version: 1 });
    expect(Date.parse(r.body.incident.deadline)).toBeGreaterThan(Date.parse(r.body.incident.reportedAt));
    const got = await s.api('GET', `/api/incidents/${body.id}`, { cookie: dispatcher });
    expect(got.body.history.map((e: any) => e.kind)).toEqual(['report']);
    expect(got.body.history[0].actor.id).toBe('u-patrol_liexi');
  });

  it('the same id sent twice makes one case', async () => {
    const before = await countCases();
    const body = report();
    const head0 = (await s.api('GET', '/api/events?after=0&limit=1', { cookie: dispatcher })).body.head;
    const a = await s.api('POST', '/api/incidents', { body, cookie: patrol });
    const b = await s.api('POST', '/api/incidents', { body, cookie: patrol });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.incident).toEqual(a.body.incident);
    expect(await countCases()).toBe(before + 1);
    const head1 = (await s.api('GET', '/api/events?after=0&limit=1', { cookie: dispatcher })).body.head;
    expect(head1).toBe(head0 + 1);
  });

  const malformed: [string, Record<string, unknown>, string][] = [
    ['wrong type', { lng: '117.6' }, 'lng'],
    ['missing field', { category: undefined }, 'category'],
    ['latitude out of range', { lat: 91 }, 'lat'],
    ['longitude out of range', { lng: -181 }, 'lng'],
    ['outside the district', { lng: 116.0, lat: 25.0 }, 'lng'],
    ['oversized description', { description: '长'.repeat(2001) }, 'description'],
    ['unknown class', { category: 'Z9999' }, 'category'],
    ['not a uuid', { id: 'abc' }, 'id'],
    ['unknown source', { source: 'martians' }, 'source'],
  ];
  it.each(malformed)('rejects %s with a 400 naming the field, writing nothing', async (_name, over, field) => {
    const before = await countCases();
    const r = await s.api('POST', '/api/incidents', { body: report(over), cookie: patrol });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(field);
    expect(r.body.reason).toBeTruthy();
    expect(await countCases()).toBe(before);
  });

  it('rejects malformed JSON and a body over the limit', async () => {
    const bad = await s.api('POST', '/api/incidents', { raw: '{"id": ', cookie: patrol });
    expect(bad.status).toBe(400);
    const big = await s.api('POST', '/api/incidents', { raw: JSON.stringify(report({ description: 'x'.repeat(70_000) })), cookie: patrol });
    expect(big.status).toBe(413);
  });

  it('refuses unauthenticated writes (401) and roles that may not report (403)', async () => {
    const before = await countCases();
    expect((await s.api('POST', '/api/incidents', { body: report() })).status).toBe(401);
    const wall = await s.login('wall');
    expect((await s.api('POST', '/api/incidents', { body: report(), cookie: wall })).status).toBe(403);
    expect(await countCases()).toBe(before);
  });
});

describe('reading cases and the log', () => {
  it('filters by status, street, grid and overdue, and pages with a cursor', async () => {
    const all = await s.api('GET', '/api/incidents?limit=500', { cookie: dispatcher });
    expect(all.body.items.length).toBeGreaterThan(300);
    const open = await s.api('GET', '/api/incidents?status=in_progress&limit=500', { cookie: dispatcher });
    expect(open.body.items.every((c: any) => c.status === 'in_progress')).toBe(true);
    const street = await s.api('GET', '/api/incidents?street=350404003&limit=500', { cookie: dispatcher });
    expect(street.body.items.every((c: any) => c.streetCode === '350404003')).toBe(true);
    const overdue = await s.api('GET', '/api/incidents?overdue=true&limit=500', { cookie: dispatcher });
    for (const c of overdue.body.items) expect(Date.parse(c.deadline)).toBeLessThan(Date.now());
    const p1 = await s.api('GET', '/api/incidents?limit=10', { cookie: dispatcher });
    const p2 = await s.api('GET', `/api/incidents?limit=10&cursor=${p1.body.nextCursor}`, { cookie: dispatcher });
    const ids = [...p1.body.items, ...p2.body.items].map((c: any) => c.id);
    expect(new Set(ids).size).toBe(20);
    expect((await s.api('GET', '/api/incidents?cursor=garbage', { cookie: dispatcher })).status).toBe(400);
    expect((await s.api('GET', '/api/incidents?status=flying', { cookie: dispatcher })).body.field).toBe('status');
    expect((await s.api('GET', '/api/incidents')).status).toBe(401);
  });

  it('limits a department handler to their own cases, in lists, reads and the log', async () => {
    const cookie = await s.login('dept_hwc');
    const mine = await s.api('GET', '/api/incidents?limit=500', { cookie });
    expect(mine.body.items.length).toBeGreaterThan(0);
    for (const c of mine.body.items) expect([c.leadDept, ...c.assistDepts]).toContain('hwc');
    const other = (await s.api('GET', '/api/incidents?limit=500&department=szj', { cookie: dispatcher })).body.items[0];
    expect((await s.api('GET', `/api/incidents/${other.id}`, { cookie })).status).toBe(404);
    const log = await s.api('GET', '/api/events?after=0&limit=1000', { cookie });
    const full = log.body.events.filter((e: any) => e.type === 'incident');
    const skipped = log.body.events.filter((e: any) => e.type === 'skip');
    expect(full.length).toBeGreaterThan(0);
    expect(skipped.length).toBeGreaterThan(0);
    // In full: events of cases hwc has, and events that took a case away from it (formerDepts).
    for (const e of full) expect([e.incident.leadDept, ...e.incident.assistDepts, ...e.formerDepts]).toContain('hwc');
    for (const e of skipped) expect(Object.keys(e).sort()).toEqual(['seq', 'type']);
    // Every sequence number is there, visible or not: a client can tell a filtered event from a gap.
    expect(log.body.events.map((e: any) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('sends protective headers and compresses text', async () => {
    const res = await fetch(`${s.url}/api/grids`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('answers /healthz and 404s unknown API paths', async () => {
    const h = await s.api('GET', '/healthz');
    expect(h.body.ok).toBe(true);
    expect(h.body.head).toBeGreaterThan(0);
    expect((await s.api('GET', '/api/nothing-here')).status).toBe(404);
    expect((await s.api('GET', '/api/events?after=-1', { cookie: dispatcher })).status).toBe(400);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SOURCES, ROLES, SOURCES, reportSource, tableAllows } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** 小蕉 grid 01 (列西): patrol_liexi's and grid_xiaojiao's; not patrol_liedong's, dept_szj's or xubi_chief's. */
const GRID = '35040400200801';

let s: TestServer;
let point: [number, number];
let owner: string;
let outsiders: Record<string, string>;
/** A case in GRID with a photo, a sighting and a patrol of patrol_liexi, all made in beforeAll. */
const made = { caseId: '', version: 0, photoId: '', patrolId: '' };

type Answer = { status: number; body: unknown };

async function get(url: string, cookie: string): Promise<Answer> {
  const res = await fetch(s.url + url, { headers: { cookie } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The answer with the id it names replaced, so two answers about different ids compare whole. */
const withoutId = (a: Answer, id: string): Answer => ({ status: a.status, body: JSON.parse(JSON.stringify(a.body).replaceAll(id, ':id')) });

/** The request about a thing the user may not see must answer exactly like the one about a missing id. */
async function expectSameAsMissing(ask: (id: string) => Promise<Answer>, realId: string): Promise<Answer> {
  const missing = randomUUID();
  const hidden = withoutId(await ask(realId), realId);
  const absent = withoutId(await ask(missing), missing);
  expect(hidden).toEqual(absent);
  expect(hidden.status).toBe(404);
  expect(hidden.body).toMatchObject({ error: 'not_found' });
  return hidden;
}

beforeAll(async () => {
  s = await startTestServer();
  point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === GRID)!.polygon)!;
  owner = await s.login('patrol_liexi');
  outsiders = {
    patrol: await s.login('patrol_liedong'),
    dept: await s.login('dept_szj'),
    chief: await s.login('xubi_chief'),
    grid: await s.login('grid_dongan'),
  };
  made.photoId = randomUUID();
  const up = await fetch(`${s.url}/api/photos?id=${made.photoId}`, {
    method: 'POST',
    headers: { cookie: owner, 'content-type': 'image/png' },
    body: new Uint8Array(PNG),
  });
  expect(up.status).toBe(201);
  made.caseId = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: owner,
    body: {
      id: made.caseId,
      category: 'E0101',
      description: '范围测试',
      lng: point[0],
      lat: point[1],
      source: 'patrol',
      photoIds: [made.photoId],
    },
  });
  expect(r.status).toBe(201);
  made.version = r.body.incident.version;
  expect(
    (await s.api('POST', `/api/incidents/${made.caseId}/sightings`, { cookie: owner, body: { id: randomUUID(), note: '还在' } })).status,
  ).toBe(201);
  made.patrolId = randomUUID();
  const at = new Date().toISOString();
  expect((await s.api('POST', '/api/patrols', { cookie: owner, body: { id: made.patrolId, at } })).status).toBe(201);
  const track = await s.api('POST', `/api/patrols/${made.patrolId}/track`, {
    cookie: owner,
    body: { points: [{ t: at, lng: point[0], lat: point[1] }] },
  });
  expect(track.status).toBe(200);
  expect(track.body.patrol.gridCodes).toEqual([GRID]);
});
afterAll(() => s?.stop());

describe('"not yours" answers like "not there"', () => {
  it('GET a case', async () => {
    for (const cookie of Object.values(outsiders)) await expectSameAsMissing((id) => get(`/api/incidents/${id}`, cookie), made.caseId);
    expect((await get(`/api/incidents/${made.caseId}`, owner)).status).toBe(200);
  });

  it('POST an action: 404 for a case out of sight, whatever the role may do; 403 only for a case the user sees', async () => {
    const act = (cookie: string, body: object) => (id: string) =>
      s.api('POST', `/api/incidents/${id}/actions`, { cookie, body: { expectedVersion: made.version, ...body } });
    // Roles that could take the step on a case of their own, and one that never could.
    await expectSameAsMissing(act(outsiders.patrol!, { type: 'check_pass' }), made.caseId);
    await expectSameAsMissing(act(outsiders.dept!, { type: 'accept' }), made.caseId);
    await expectSameAsMissing(act(outsiders.chief!, { type: 'escalate', reason: '督办' }), made.caseId);
    await expectSameAsMissing(act(outsiders.grid!, { type: 'register' }), made.caseId);
    // grid_xiaojiao sees the case (their grid) but may not register it: that 403 tells nothing new.
    const seen = await act(await s.login('grid_xiaojiao'), { type: 'register' })(made.caseId);
    expect(seen).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    // Nothing changed.
    expect((await get(`/api/incidents/${made.caseId}`, owner)).body).toMatchObject({
      incident: { version: made.version, status: 'reported' },
    });
  });

  it('GET and POST sightings', async () => {
    await expectSameAsMissing((id) => get(`/api/incidents/${id}/sightings`, outsiders.patrol!), made.caseId);
    await expectSameAsMissing((id) => get(`/api/incidents/${id}/sightings`, outsiders.chief!), made.caseId);
    const before = (await get(`/api/incidents/${made.caseId}/sightings`, owner)).body as { items: unknown[] };
    await expectSameAsMissing(
      (id) => s.api('POST', `/api/incidents/${id}/sightings`, { cookie: outsiders.patrol!, body: { id: randomUUID(), note: '我也看到' } }),
      made.caseId,
    );
    expect((await get(`/api/incidents/${made.caseId}/sightings`, owner)).body).toEqual(before);
  });

  it('GET a photo', async () => {
    for (const cookie of Object.values(outsiders)) {
      const res = async (id: string): Promise<Answer> => {
        const r = await fetch(`${s.url}/api/photos/${id}`, { headers: { cookie } });
        return { status: r.status, body: await r.json() };
      };
      await expectSameAsMissing(res, made.photoId);
    }
    expect((await fetch(`${s.url}/api/photos/${made.photoId}`, { headers: { cookie: owner } })).status).toBe(200);
  });

  it('GET a patrol, and its track and actions', async () => {
    for (const cookie of [outsiders.patrol!, outsiders.chief!, outsiders.grid!]) {
      await expectSameAsMissing((id) => get(`/api/patrols/${id}`, cookie), made.patrolId);
    }
    const at = new Date().toISOString();
    await expectSameAsMissing(
      (id) =>
        s.api('POST', `/api/patrols/${id}/track`, {
          cookie: outsiders.patrol!,
          body: { points: [{ t: at, lng: point[0], lat: point[1] }] },
        }),
      made.patrolId,
    );
    await expectSameAsMissing(
      (id) => s.api('POST', `/api/patrols/${id}/actions`, { cookie: outsiders.patrol!, body: { type: 'finish', at } }),
      made.patrolId,
    );
    const mine = await get(`/api/patrols/${made.patrolId}`, owner);
    expect(mine).toMatchObject({ status: 200, body: { patrol: { status: 'active', pointCount: 1 } } });
  });
});

describe('the server sets the source of a report from the role', () => {
  const report = async (cookie: string, source: string) => {
    const r = await s.api('POST', '/api/incidents', {
      cookie,
      body: { id: randomUUID(), category: 'E0101', description: '来源', lng: point[0], lat: point[1], source },
    });
    expect(r.status).toBe(201);
    // Read back from the store, not only the command's answer.
    const stored = await s.api('GET', `/api/incidents/${r.body.incident.id}`, { cookie });
    expect(stored.body.incident.source).toBe(r.body.incident.source);
    return r.body.incident.source as string;
  };

  it('a patrol report is a patrol report whatever the phone sent; grid staff likewise', async () => {
    for (const sent of SOURCES) expect(await report(owner, sent)).toBe('patrol');
    const grid = await s.login('grid_xiaojiao');
    for (const sent of ['supervision', 'patrol', 'hotline']) expect(await report(grid, sent)).toBe('grid_staff');
  });

  it('the dispatcher enters hotline, public and supervision reports, but cannot pass one off as a patrol find', async () => {
    const desk = await s.login('dispatcher');
    expect(await report(desk, 'public')).toBe('public');
    expect(await report(desk, 'supervision')).toBe('supervision');
    expect(await report(desk, 'patrol')).toBe('hotline');
    expect(await report(desk, 'grid_staff')).toBe('hotline');
  });

  it('an unknown source is still a 400 naming source', async () => {
    const r = await s.api('POST', '/api/incidents', {
      cookie: owner,
      body: { id: randomUUID(), category: 'E0101', description: 'x', lng: point[0], lat: point[1], source: 'martians' },
    });
    expect(r).toMatchObject({ status: 400, body: { field: 'source' } });
  });

  it('the table gives every role that may report its own source, and none to the others', () => {
    for (const role of ROLES) {
      expect(REPORT_SOURCES[role].length > 0, role).toBe(tableAllows(null, 'report', role));
      // A role that may not report gets no source at all, so no default can slip through.
      if (!REPORT_SOURCES[role].length) for (const sent of SOURCES) expect(reportSource(role, sent)).toBeNull();
    }
  });
});

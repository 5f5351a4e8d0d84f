import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ACCOUNTS } from '@streetchief/shared/district/index';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const DAY = 86_400_000;
let s: TestServer;
let clock = new Date('2026-12-01T02:00:00Z'); // Tuesday 10:00 in Shanghai
const cookie: Record<string, string> = {};
/** A grid no demo patrol or grid staff account covers: nobody may check its cases by grid. */
let lonelyGrid: string;
let point: [number, number];

beforeAll(async () => {
  s = await startTestServer({ now: () => clock });
  for (const u of ['dispatcher', 'supervisor', 'admin', 'patrol_liexi', 'patrol_xubi', 'patrol_liedong', 'dept_hwc', 'grid_xiaojiao'])
    cookie[u] = await s.login(u);
  const covered = new Set(SAMPLE_ACCOUNTS.filter((a) => a.role === 'patrol' || a.role === 'grid_staff').flatMap((a) => a.gridCodes));
  const grid = s.ctx.ref.grids.find((g) => !covered.has(g.code))!;
  lonelyGrid = grid.code;
  point = interiorPoint(grid.polygon) as [number, number];
});
afterAll(() => s?.stop());

const act = (who: string, id: string, body: Record<string, unknown>) =>
  s.api('POST', `/api/incidents/${id}/actions`, { cookie: cookie[who], body });

/** A case in the lonely grid, reported by `reporter`, handled by 环卫 (E0101 暴露垃圾). */
async function handledCase(reporter = 'dispatcher'): Promise<{ id: string; version: number; caseNo: string }> {
  const id = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: cookie[reporter],
    body: { id, category: 'E0101', description: '无人核查的网格', lng: point[0], lat: point[1], source: 'hotline' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.incident.gridCode).toBe(lonelyGrid);
  let version = 1;
  for (const [who, body] of [
    ['dispatcher', { type: 'register' }],
    ['dispatcher', { type: 'dispatch', leadDept: 'hwc' }],
    ['dept_hwc', { type: 'accept' }],
    ['dept_hwc', { type: 'feedback', note: '已清运' }],
  ] as const) {
    const res = await act(who, id, { ...body, expectedVersion: version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    version = res.body.incident.version;
  }
  return { id, version, caseNo: r.body.incident.caseNo };
}

describe('assign check (指派核查): every handled case can be closed', () => {
  it('the dispatcher names a patrol from elsewhere, who sees the case and closes it; the step is in the history', async () => {
    const { id, version } = await handledCase();
    // Nobody of the grid: the patrol of 列西 does not even see the case yet.
    expect((await act('patrol_liexi', id, { type: 'check_pass', expectedVersion: version })).status).toBe(404);

    const assigned = await act('dispatcher', id, {
      type: 'assign_check',
      expectedVersion: version,
      checkerId: 'u-patrol_liexi',
      reason: '本网格无核查员',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.incident).toMatchObject({ status: 'handled', checkerId: 'u-patrol_liexi' });

    const mine = await s.api('GET', '/api/incidents?status=handled&limit=500', { cookie: cookie.patrol_liexi });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(id);

    const closed = await act('patrol_liexi', id, { type: 'check_pass', expectedVersion: version + 1, note: '现场已整改' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.incident.status).toBe('closed');

    const { history } = (await s.api('GET', `/api/incidents/${id}`, { cookie: cookie.dispatcher })).body;
    const kinds = history.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(-2)).toEqual(['assign_check', 'check_pass']);
    expect(history.at(-2)).toMatchObject({
      actor: { id: 'u-dispatcher' },
      reason: '本网格无核查员',
      incident: { checkerId: 'u-patrol_liexi' },
    });
    expect(history.at(-1)).toMatchObject({ actor: { id: 'u-patrol_liexi' } });
  });

  it('someone neither named nor of the grid may not check: 403 when they see the case, 404 when they do not', async () => {
    // patrol_xubi reported it from outside their grids, so they see it, but may not check it.
    const { id, version } = await handledCase('patrol_xubi');
    expect((await act('dispatcher', id, { type: 'assign_check', expectedVersion: version, checkerId: 'u-patrol_liexi' })).status).toBe(200);
    const refused = await act('patrol_xubi', id, { type: 'check_pass', expectedVersion: version + 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('forbidden');
    expect((await act('patrol_liedong', id, { type: 'check_fail', expectedVersion: version + 1, reason: '不对' })).status).toBe(404);
    // The named checker may send it back for rework too.
    const failed = await act('patrol_liexi', id, { type: 'check_fail', expectedVersion: version + 1, reason: '仍有垃圾' });
    expect(failed.status).toBe(200);
    expect(failed.body.incident.status).toBe('in_progress');
  });

  it('the grid’s own checker keeps their right when someone else is named', async () => {
    const grid = s.ctx.ref.grids.find((g) => SAMPLE_ACCOUNTS.find((a) => a.username === 'grid_xiaojiao')!.gridCodes.includes(g.code))!;
    const [lng, lat] = interiorPoint(grid.polygon)!;
    const id = randomUUID();
    expect(
      (
        await s.api('POST', '/api/incidents', {
          cookie: cookie.dispatcher,
          body: { id, category: 'E0101', description: '小蕉', lng, lat, source: 'hotline' },
        })
      ).status,
    ).toBe(201);
    let v = 1;
    for (const [who, body] of [
      ['dispatcher', { type: 'register' }],
      ['dispatcher', { type: 'dispatch', leadDept: 'hwc' }],
      ['dept_hwc', { type: 'accept' }],
      ['dept_hwc', { type: 'feedback', note: '已清运' }],
      ['dispatcher', { type: 'assign_check', checkerId: 'u-patrol_xubi' }],
      ['grid_xiaojiao', { type: 'check_pass' }],
    ] as const) {
      const res = await act(who, id, { ...body, expectedVersion: v });
      expect(res.status, `${body.type}: ${JSON.stringify(res.body)}`).toBe(200);
      v = res.body.incident.version;
    }
  });

  it('the named user must be an active patrol or grid staff account (400 naming checkerId); only the desk assigns', async () => {
    const { id, version } = await handledCase();
    for (const checkerId of ['u-dept_hwc', 'u-dispatcher', 'u-nobody']) {
      const r = await act('dispatcher', id, { type: 'assign_check', expectedVersion: version, checkerId });
      expect(r.status, checkerId).toBe(400);
      expect(r.body).toMatchObject({ error: 'invalid', field: 'checkerId' });
    }
    expect((await act('dispatcher', id, { type: 'assign_check', expectedVersion: version })).body).toMatchObject({ field: 'checkerId' });
    expect((await act('dept_hwc', id, { type: 'assign_check', expectedVersion: version, checkerId: 'u-patrol_liexi' })).status).toBe(403);
    // The supervisor may assign too.
    expect((await act('supervisor', id, { type: 'assign_check', expectedVersion: version, checkerId: 'u-grid_xiaojiao' })).status).toBe(
      200,
    );
  });

  it('GET /api/checkers lists patrol and grid staff, the grid’s own first; only for the desk', async () => {
    const xiaojiao = SAMPLE_ACCOUNTS.find((a) => a.username === 'grid_xiaojiao')!.gridCodes[0]!;
    const r = await s.api('GET', `/api/checkers?gridCode=${xiaojiao}`, { cookie: cookie.dispatcher });
    expect(r.status).toBe(200);
    const items = r.body.items as { id: string; role: string; ownGrid: boolean }[];
    expect(new Set(items.map((i) => i.role))).toEqual(new Set(['patrol', 'grid_staff']));
    expect(items.length).toBe(SAMPLE_ACCOUNTS.filter((a) => a.role === 'patrol' || a.role === 'grid_staff').length);
    const own = items.filter((i) => i.ownGrid).map((i) => i.id);
    expect(own.sort()).toEqual(['u-grid_xiaojiao', 'u-patrol_liexi']);
    expect(items.slice(0, own.length).every((i) => i.ownGrid)).toBe(true);
    expect((await s.api('GET', '/api/checkers', { cookie: cookie.patrol_liexi })).status).toBe(403);
  });

  it('a check waiting past its time limit (one working day by default) is listed as check overdue', async () => {
    clock = new Date('2026-12-01T02:00:00Z');
    const { id } = await handledCase();
    const overdueIds = async () =>
      (await s.api('GET', '/api/incidents?checkOverdue=true&limit=500', { cookie: cookie.dispatcher })).body.items.map(
        (c: { id: string }) => c.id,
      );
    const fresh = (await s.api('GET', `/api/incidents/${id}`, { cookie: cookie.dispatcher })).body.incident;
    expect(Date.parse(fresh.checkDueAt)).toBeGreaterThan(clock.getTime());
    expect(await overdueIds()).not.toContain(id);
    clock = new Date(Date.parse(fresh.checkDueAt) - 60_000);
    expect(await overdueIds()).not.toContain(id);
    clock = new Date(Date.parse(fresh.checkDueAt) + 60_000);
    expect(await overdueIds()).toContain(id);
    // One working day after Tuesday 10:00 is Wednesday, well within two calendar days.
    expect(Date.parse(fresh.checkDueAt) - Date.parse(fresh.handledAt)).toBeLessThanOrEqual(2 * DAY);
    clock = new Date('2026-12-01T02:00:00Z');
  });
});

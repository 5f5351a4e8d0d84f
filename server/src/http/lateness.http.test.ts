import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_AFTER_DEADLINE } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const DAY = 86_400_000;
let s: TestServer;
let clock = new Date('2026-12-01T02:00:00Z'); // Tuesday 10:00 in Shanghai
const cookie: Record<string, string> = {};
let point: [number, number];

beforeAll(async () => {
  s = await startTestServer({ now: () => clock });
  for (const u of ['dispatcher', 'supervisor', 'dept_hwc']) cookie[u] = await s.login(u);
  point = interiorPoint(s.ctx.ref.grids[0]!.polygon) as [number, number];
});
afterAll(() => s?.stop());

const act = (who: string, id: string, body: Record<string, unknown>) =>
  s.api('POST', `/api/incidents/${id}/actions`, { cookie: cookie[who], body });

/** A case accepted by 环卫 (E0101 暴露垃圾, a limit of hours), at the clock's time. */
async function inProgress(): Promise<{ id: string; version: number; deadline: string }> {
  const id = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: cookie.dispatcher,
    body: { id, category: 'E0101', description: '超期测试', lng: point[0], lat: point[1], source: 'hotline' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  let res = r;
  for (const [who, body] of [
    ['dispatcher', { type: 'register' }],
    ['dispatcher', { type: 'dispatch', leadDept: 'hwc' }],
    ['dept_hwc', { type: 'accept' }],
  ] as const) {
    res = await act(who, id, { ...body, expectedVersion: res.body.incident.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return { id, version: res.body.incident.version, deadline: res.body.incident.deadline };
}

describe('a case that went late stays late', () => {
  it('an extension asked for after the deadline is a 409 with the reason, and changes nothing', async () => {
    const c = await inProgress();
    clock = new Date(Date.parse(c.deadline) + 60_000);
    const res = await act('dept_hwc', c.id, {
      type: 'request_extension',
      expectedVersion: c.version,
      reason: '需协调',
      until: new Date(clock.getTime() + 3 * DAY).toISOString(),
    });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe(EXTENSION_AFTER_DEADLINE);
    const after = await s.api('GET', `/api/incidents/${c.id}`, { cookie: cookie.dispatcher });
    expect(after.body.incident).toMatchObject({ version: c.version, extension: null, deadline: c.deadline });
  });

  it('a meeting re-dating it keeps it on the overdue list, marked with the deadline it missed', async () => {
    clock = new Date('2026-12-01T02:00:00Z');
    const c = await inProgress();
    clock = new Date(Date.parse(c.deadline) + 3 * DAY);
    // Sessions last a day: sign in again three days on.
    for (const u of ['dispatcher', 'supervisor']) cookie[u] = await s.login(u);
    const decided = await act('supervisor', c.id, {
      type: 'decide',
      expectedVersion: c.version,
      reason: '联席例会：限期三日',
      deadline: new Date(clock.getTime() + 3 * DAY).toISOString(),
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.incident.lateAt).toBe(c.deadline);
    const overdue = await s.api('GET', '/api/incidents?overdue=true&limit=500', { cookie: cookie.dispatcher });
    expect(overdue.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const notOverdue = await s.api('GET', '/api/incidents?overdue=false&limit=500', { cookie: cookie.dispatcher });
    expect(notOverdue.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });
});

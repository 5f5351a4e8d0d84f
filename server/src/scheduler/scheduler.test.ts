import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, WorkCalendarSchema } from '@streetchief/shared/calendar/index';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { Reference } from '../reference.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { scanDeadlines } from './scheduler.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sched-'));
const file = path.join(dir, 'db.sqlite');
const clock = { now: new Date('2026-12-04T16:00:00+08:00') }; // a Friday
const policy = { warnRatio: 0.8, escalateAfterMs: 24 * 3_600_000 };
const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

async function boot(): Promise<TestServer> {
  const s = await startTestServer({ sqliteFile: file, now: () => clock.now });
  servers.push(s);
  return s;
}

/** Kinds of the events in a case's history that the scheduler wrote. */
async function systemKinds(s: TestServer, id: string): Promise<string[]> {
  const cookie = await s.login('dispatcher');
  const r = await s.api('GET', `/api/incidents/${id}`, { cookie });
  return r.body.history.filter((e: any) => e.actor.id === 'system').map((e: any) => e.kind);
}

describe('deadlines act by themselves', () => {
  it('Friday 16:00 + 4 working hours is due on the next working day after a holiday; warning, overdue and escalation fire once each, across a restart', async () => {
    let s = await boot();
    // A holiday on Monday 2026-12-07, added by an administrator as data.
    const cal = WorkCalendarSchema.parse({
      ...DEFAULT_CALENDAR,
      holidays: [...DEFAULT_CALENDAR.holidays, { date: '2026-12-07', name: '测试假日' }],
    });
    await s.store.setMeta('calendar', JSON.stringify(cal));
    s.ctx.ref = await Reference.load(s.store);

    const patrol = await s.login('patrol_liexi');
    const dispatcher = await s.login('dispatcher');
    const [lng, lat] = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
    const id = randomUUID();
    // E0101 暴露垃圾: 4 working hours.
    expect(
      (
        await s.api('POST', '/api/incidents', {
          cookie: patrol,
          body: { id, category: 'E0101', description: '暴露垃圾', lng, lat, source: 'patrol' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await s.api('POST', `/api/incidents/${id}/actions`, { cookie: dispatcher, body: { type: 'register', expectedVersion: 1 } })).status,
    ).toBe(200);
    const d = await s.api('POST', `/api/incidents/${id}/actions`, {
      cookie: dispatcher,
      body: { type: 'dispatch', expectedVersion: 2, leadDept: 'hwc' },
    });
    expect(d.status).toBe(200);
    // 1.5 h on Friday (16:00–17:30), Monday is a holiday, 2.5 h on Tuesday from 08:00.
    expect(d.body.incident.deadline).toBe(new Date('2026-12-08T10:30:00+08:00').toISOString());

    // 80% of 4 h = 3.2 h: Friday 1.5 h + Tuesday 1.7 h → 09:42.
    clock.now = new Date('2026-12-08T09:30:00+08:00');
    await scanDeadlines(s.ctx, policy);
    expect(await systemKinds(s, id)).toEqual([]);
    clock.now = new Date('2026-12-08T09:45:00+08:00');
    await scanDeadlines(s.ctx, policy);
    await scanDeadlines(s.ctx, policy);
    expect(await systemKinds(s, id)).toEqual(['warned']);

    // The server stops before the deadline and comes back after it.
    await s.stop();
    clock.now = new Date('2026-12-08T11:00:00+08:00');
    s = await boot();
    await s.scheduler.runOnce();
    await s.scheduler.runOnce();
    expect(await systemKinds(s, id)).toEqual(['warned', 'overdue']);
    const overdue = await s.api('GET', '/api/incidents?overdue=true&limit=500', { cookie: await s.login('dispatcher') });
    expect(overdue.body.items.map((c: any) => c.id)).toContain(id);

    // One escalation level per 24 h overdue, each once, also across another restart.
    clock.now = new Date('2026-12-09T10:59:00+08:00');
    await s.scheduler.runOnce();
    expect(await systemKinds(s, id)).toEqual(['warned', 'overdue']);
    clock.now = new Date('2026-12-09T11:01:00+08:00');
    await s.stop();
    s = await boot();
    await s.scheduler.runOnce();
    await s.scheduler.runOnce();
    expect(await systemKinds(s, id)).toEqual(['warned', 'overdue', 'escalate']);
    const c = (await s.api('GET', `/api/incidents/${id}`, { cookie: await s.login('dispatcher') })).body.incident;
    expect(c.escalationLevel).toBe(1);
  });
});

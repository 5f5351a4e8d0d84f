import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { namedPreset } from '@streetchief/shared/calendar/presets';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser, signInThroughForm } from './browser.ts';

/**
 * One set of figures: the wall, /public and /meeting show the same 结案率 and 按期结案率 for the same
 * period (本月, the default of all three), each names that period, and all three are the one
 * engine's total. The fixture is fixed: the demo district seeded at a fixed instant (its history
 * is generated from a fixed seed) plus a case of the test's own that went late and was re-dated by
 * a meeting, then done before its new deadline: late all the same, so not on time anywhere.
 * Server and browsers run on the same moved clock, so the test gives the same figures on any day.
 */

/** 小蕉社区第01网格, checked by grid_xiaojiao. */
const GRID = '35040400200801';
const DAY = 86_400_000;
/** Tuesday 10 November 2026, 10:00 in Shanghai: the demo's 30 days end here. */
const START = Date.parse('2026-11-10T02:00:00Z');
/** Wednesday 18 November 2026, 12:00 in Shanghai: when the screens are read. */
const READ = Date.parse('2026-11-18T04:00:00Z');
const LIVE_MS = 30_000;

let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let offset = START - Date.now();
const serverNow = () => new Date(Date.now() + offset);
const month = () => namedPreset('this_month', serverNow());

async function act(username: string, id: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const cookie = await s.login(username);
  const current = (await s.api('GET', `/api/incidents/${id}`, { cookie })).body.incident;
  const r = await s.api('POST', `/api/incidents/${id}/actions`, { cookie, body: { ...body, expectedVersion: current.version } });
  expect(r.status, `${String(body.type)}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body.incident;
}

async function open(pathName: string, username: string | null): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  await context.clock.install({ time: serverNow() });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error (${pathName}):`, err));
  if (username) await signInThroughForm(page, `${s.url}${pathName}`, username);
  else await page.goto(`${s.url}${pathName}`);
  return page;
}

let lateCase: Record<string, any>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true, now: serverNow });
  // The test's own case: dispatched on 10 November, three days over when the meeting re-dates it.
  const point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === GRID)!.polygon)!;
  const id = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: await s.login('dispatcher'),
    body: { id, category: 'E0101', description: '指标一致性', lng: point[0], lat: point[1], source: 'hotline' },
  });
  expect(r.status).toBe(201);
  await act('dispatcher', id, { type: 'register' });
  await act('dispatcher', id, { type: 'dispatch', leadDept: 'hwc' });
  const accepted = await act('dept_hwc', id, { type: 'accept' });
  offset = Date.parse(accepted.deadline) + 3 * DAY - Date.now();
  await act('supervisor', id, {
    type: 'decide',
    reason: '联席例会：限期三日',
    deadline: new Date(serverNow().getTime() + 3 * DAY).toISOString(),
  });
  await act('dept_hwc', id, { type: 'feedback', note: '已清运' });
  lateCase = await act('grid_xiaojiao', id, { type: 'check_pass' });
  offset = READ - Date.now();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('the same figures on the wall, /public and /meeting', { timeout: 180_000 }, () => {
  it('the re-dated case is closed before its new deadline and still counted late', () => {
    expect(lateCase.status).toBe('closed');
    expect(Date.parse(lateCase.closedAt)).toBeLessThan(Date.parse(lateCase.deadline));
    expect(lateCase.lateAt).toBeTruthy();
  });

  it('each screen names 本月 and shows the engine’s 结案率 and 按期结案率 for it', async () => {
    const { from, to, label } = month();
    expect([from, to]).toEqual(['2026-11-01', '2026-11-18']);
    const engine = (await s.api('GET', `/api/public/stats?from=${from}&to=${to}&by=street`)).body.total;
    const byDept = (await s.api('GET', `/api/stats?from=${from}&to=${to}&by=department`, { cookie: await s.login('supervisor') })).body;
    // The test's late case is in the month's figures: due and closed, and not on time.
    const hwc = byDept.rows.find((row: { key: string }) => row.key === 'hwc');
    expect(hwc.closed - hwc.closedOnTime).toBeGreaterThan(0);
    expect(byDept.total).toMatchObject({ closureRate: engine.closureRate, onTimeClosureRate: engine.onTimeClosureRate });
    expect(engine.closureRate).not.toBeNull();

    const [wall, pub, meeting] = await Promise.all([open('/wall', 'wall'), open('/public', null), open('/meeting', 'supervisor')]);
    const tile = (id: string) => wall.locator(`[data-testid="${id}"]`);
    await expect.poll(() => tile('kpi-closure-rate').getAttribute('data-value'), { timeout: LIVE_MS }).toBe(String(engine.closureRate));
    expect(await tile('kpi-on-time-rate').getAttribute('data-value')).toBe(String(engine.onTimeClosureRate));
    const wallPeriod = await tile('kpi-closure-rate-period').innerText();
    expect(wallPeriod).toContain('11月1日');
    expect(wallPeriod).toContain('11月18日');
    expect(await tile('kpi-on-time-rate-period').innerText()).toBe(wallPeriod);

    for (const [page, name] of [
      [pub, 'public'],
      [meeting, 'meeting'],
    ] as const) {
      const line = page.locator('[data-testid="district-figures"]');
      await expect.poll(() => line.getAttribute('data-closure'), { timeout: LIVE_MS }).toBe(String(engine.closureRate));
      expect(await line.getAttribute('data-on-time'), name).toBe(String(engine.onTimeClosureRate));
      expect(await page.locator('[data-testid="period-shown"]').innerText(), name).toContain(label['zh-CN']);
    }
    // The same number, written the same way, on all three screens.
    const pct = (v: number) => `${v.toFixed(1)}%`;
    expect(await pub.locator('[data-testid="district-figures"]').innerText()).toContain(`按期结案率 ${pct(engine.onTimeClosureRate)}`);
    expect(await meeting.locator('[data-testid="district-figures"]').innerText()).toContain(`按期结案率 ${pct(engine.onTimeClosureRate)}`);
    expect(`${await tile('kpi-on-time-rate').locator('.kpi-number').innerText()}%`).toBe(pct(engine.onTimeClosureRate));
    await wall.waitForFunction(() => (window as { __wall?: { mapLoaded?: boolean } }).__wall?.mapLoaded === true, null, {
      timeout: LIVE_MS,
    });
    await wall.waitForTimeout(1500); // the map's fit animation settles
    await wall.screenshot({ path: artifactPath('figures-wall.png') });
    await pub.screenshot({ path: artifactPath('figures-public.png') });
    await meeting.screenshot({ path: artifactPath('figures-meeting.png') });
  });
});

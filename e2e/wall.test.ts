import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, cspViolations, launchBrowser, watchCsp } from './browser.ts';

// The wall's read-only debug hooks (window.__wall), typed by the client.
import type {} from '../client/src/wall/debug.ts';

let s: TestServer;
let browser: Browser;
let page: Page;
let patrol: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true });
  patrol = await s.login('patrol_liexi');
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  await watchCsp(page);
  page.on('pageerror', (err) => console.error('page error:', err));
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function postCase(): Promise<string> {
  const grid = s.ctx.ref.grids.find((g) => g.code === '35040400200803')!;
  const [lng, lat] = interiorPoint(grid.polygon)!;
  const id = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: patrol,
    body: { id, category: 'E0101', description: '小蕉路口有暴露垃圾', lng, lat, source: 'patrol' },
  });
  expect(r.status).toBe(201);
  return id;
}

describe('wall display in Chromium', () => {
  it('signs in and draws the 165 grids on the map', async () => {
    await page.goto(`${s.url}/wall`);
    await page.getByLabel(/用户名|username/i).fill('wall');
    await page.getByLabel(/密码|password/i).fill('demo1234');
    await page.getByRole('button', { name: /登录|sign in/i }).click();
    await page.waitForFunction(() => window.__wall?.mapLoaded === true && window.__wall.gridFeatureCount === 165, null, {
      timeout: 20_000,
    });
    expect(await page.evaluate(() => window.__wall!.gridFeatureCount)).toBe(165);
    const seeded = await page.evaluate(() => window.__wall!.incidentIds().length);
    expect(seeded).toBeGreaterThan(50);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    // The map (its blob: worker, WebGL) and the trend chart drew under the Content-Security-Policy with nothing blocked.
    await page.locator('[data-testid="trend-panel"] canvas').first().waitFor({ timeout: 10_000 });
    expect(cspViolations(page)).toEqual([]);
  });

  it('pulses the halo of overdue markers (paint changes only, no layer rebuilds)', async () => {
    // The demo history has overdue cases; the halo grows and rests once a second.
    expect(await page.evaluate(() => window.__wall!.markerIds().length)).toBeGreaterThan(0);
    const radii = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const r = await page.evaluate(() => window.__wall!.haloRadius());
      if (r !== null) radii.add(Math.round(r));
      await page.waitForTimeout(450);
    }
    expect(radii.size).toBeGreaterThan(1);
  });

  it('shows the scheduler’s warnings and overdue marks (by 系统) and escalations on the ticker', async () => {
    // The test server runs no scheduler on its own: one scan marks the demo's late cases now.
    const events = await s.scheduler.runOnce();
    const system = events.filter((e) => e.actor.id === 'system');
    expect(system.map((e) => e.kind)).toContain('overdue');
    const label: Record<string, string> = { warned: '预警', overdue: '超期', escalate: '督办' };
    const newest = system.at(-1)!;
    const row = page.locator(`[data-testid="ticker"] [data-seq="${newest.seq}"]`);
    await row.waitFor({ timeout: 5000 });
    expect(await row.innerText()).toContain(label[newest.kind]);
    expect(await row.innerText()).toContain('系统');

    // An escalation by a supervisor (督办) shows with who did it.
    const overdue = system.find((e) => e.kind === 'overdue')!.incident;
    const supervisor = await s.login('supervisor');
    const current = (await s.api('GET', `/api/incidents/${overdue.id}`, { cookie: supervisor })).body.incident;
    const r = await s.api('POST', `/api/incidents/${overdue.id}/actions`, {
      cookie: supervisor,
      body: { type: 'escalate', expectedVersion: current.version, reason: '超期未处置，督办' },
    });
    expect(r.status).toBe(200);
    const escalated = page.locator(`[data-testid="ticker"] [data-kind="escalate"][data-incident="${overdue.id}"]`).first();
    await escalated.waitFor({ timeout: 5000 });
    expect(await escalated.innerText()).toContain('督办');
    expect(await escalated.innerText()).toContain('督查室督查员');
  });

  it('shows a case posted through the API within 2 s', async () => {
    const id = await postCase();
    const t0 = Date.now();
    await page.waitForFunction((caseId) => window.__wall!.markerIds().includes(caseId), id, { timeout: 2000, polling: 50 });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(2000);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 2000 }).toContain('暴露垃圾');
    await page.screenshot({ path: artifactPath('wall.png') });
  });

  it('says when the connection drops and catches up on return', async () => {
    const before = await page.evaluate(() => window.__wall!.lastSeq());
    // Drop every connection at the transport level (as a network blip does); the client reconnects by itself.
    for (const socket of s.io.sockets.sockets.values()) socket.conn.close();
    const ids: string[] = [];
    await page.waitForFunction(() => /已断开|连接中|offline|connecting/i.test(document.body.innerText), null, { timeout: 5000 });
    for (let i = 0; i < 3; i++) ids.push(await postCase());
    await page.waitForFunction((want) => want.every((id) => window.__wall!.incidentIds().includes(id)), ids, { timeout: 15_000 });
    expect(await page.evaluate(() => window.__wall!.lastSeq())).toBe(before + 3);
    await page.screenshot({ path: artifactPath('wall-after-reconnect.png') });
  });
});

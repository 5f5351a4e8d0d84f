import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { presetPeriod } from '@streetchief/shared/calendar/presets';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, cspViolations, launchBrowser, watchCsp } from './browser.ts';
import { cutTextOn, describeCut } from './textFit.ts';

// The wall's read-only debug hooks (window.__wall, window.__wallPatrols), typed by the client.
import type {} from '../client/src/wall/debug.ts';
import type {} from '../client/src/wall/usePatrolOverview.ts';

/**
 * The command-centre wall in Chromium at 1920×1080 (and once at 3840×2160): map first and legible
 * from five metres, live without reloads, recovering by itself, nothing blocked by the CSP.
 * The cases it acts on are made here; the demo's own only fill the picture.
 */

let s: TestServer;
let browser: Browser;
let page: Page;
let patrol: string;
/** The server's clock runs this far from the real one (moved only while the scheduler warns a case). */
let offsetMs = 0;

const GRID = '35040400200803';
const MIN_TEXT_PX = 18;

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true, now: () => new Date(Date.now() + offsetMs) });
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

function gridPoint(): [number, number] {
  const grid = s.ctx.ref.grids.find((g) => g.code === GRID)!;
  return interiorPoint(grid.polygon)!;
}

async function postCase(): Promise<string> {
  const [lng, lat] = gridPoint();
  const id = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: patrol,
    body: { id, category: 'E0101', description: '小蕉路口有暴露垃圾', lng, lat, source: 'patrol' },
  });
  expect(r.status).toBe(201);
  return id;
}

/** Signs in as the wall display and waits for the whole picture (longer at 4K: software WebGL on a shared machine). */
async function signIn(p: Page, timeout = 30_000): Promise<void> {
  await p.goto(`${s.url}/wall`);
  await p.getByLabel(/用户名|username/i).fill('wall');
  await p.getByLabel(/密码|password/i).fill('demo1234');
  await p.getByRole('button', { name: /登录|sign in/i }).click();
  await p.waitForFunction(() => window.__wall?.mapLoaded === true && window.__wall.gridFeatureCount === 165, null, { timeout });
  // The outlines and the 本月 figures have arrived, and the web fonts are in.
  await p.waitForFunction(() => window.__wall!.boundariesShown, null, { timeout: 15_000 });
  await p.locator('[data-testid="kpi-closure-rate"]:not([data-value=""])').waitFor({ timeout: 15_000 });
  await p.evaluate(() => document.fonts.ready);
}

/** The smallest computed font size of any visible text on the page, with the elements that have it. */
function smallestText(p: Page): Promise<{ px: number; where: string[] }> {
  return p.evaluate(() => {
    let px = Infinity;
    let where: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      const label = `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
      if (size < px) [px, where] = [size, [label]];
      else if (size === px && where.length < 5) where.push(label);
    }
    return { px, where };
  });
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(p: Page, selector: string): Promise<Box> {
  const b = await p.locator(selector).first().boundingBox();
  expect(b, selector).not.toBeNull();
  return b!;
}

describe('wall display in Chromium', () => {
  it('signs in and draws the 165 grids with their street and community outlines', async () => {
    await signIn(page);
    expect(await page.evaluate(() => window.__wall!.gridFeatureCount)).toBe(165);
    const seeded = await page.evaluate(() => window.__wall!.incidentIds().length);
    expect(seeded).toBeGreaterThan(50);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    // The map (its blob: worker, WebGL, the boundaries request) drew under the Content-Security-Policy with nothing blocked.
    expect(cspViolations(page)).toEqual([]);
  });

  it('is map first: the map covers over half of the screen, the panels sit around it', async () => {
    const map = await box(page, '[data-testid="wall-map"]');
    expect((map.width * map.height) / (1920 * 1080)).toBeGreaterThanOrEqual(0.5);
    for (const panel of [
      '[data-testid="kpi-reports-today"]',
      '[data-testid="kpi-on-time-rate"]',
      '[data-testid="patrol-card"]',
      '[data-testid="ranking-carousel"]',
      '[data-testid="overdue-queue"]',
      '[data-testid="warning-queue"]',
      '[data-testid="ticker"]',
    ])
      expect(overlaps(await box(page, panel), map), `${panel} over the map`).toBe(false);
  });

  it('is legible from five metres: no text under 18 px, map names at 20/28 px and up, nothing cut', async () => {
    const smallest = await smallestText(page);
    expect(smallest.px, smallest.where.join('; ')).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    const sizes = await page.evaluate(() => window.__wall!.mapTextSizes());
    expect(sizes['street-label']).toBeGreaterThanOrEqual(28);
    expect(sizes['community-label']).toBeGreaterThanOrEqual(20);
    for (const [layer, px] of Object.entries(sizes)) expect(px, layer).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    const cut = await cutTextOn(page, { ignore: ['.maplibregl-map'] });
    expect(cut.map(describeCut)).toEqual([]);
    // The patrol key is one line: all its entries on the same row.
    const tops = await page
      .locator('[data-testid="patrol-key"] .legend-item')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(tops.length).toBe(4);
    expect(new Set(tops).size).toBe(1);
  });

  it('names every street and community on the map, above the markers; grid names only where there is room', async () => {
    const names = (layer: string) =>
      page.evaluate((l) => [...new Set(window.__wall!.rendered(l).map((p) => String(p.name)))].sort(), layer);
    // (Placement runs after each change; the poll waits for the current one.)
    await expect.poll(() => names('street-label')).toEqual(['列东街道', '列西街道', '徐碧街道']);
    const communities = s.ctx.ref.communities.filter((c) => s.ctx.ref.grids.some((g) => g.communityCode === c.code));
    // Placed first: no case marker (overdue or not) takes a community's name off the map, nor a street's.
    await expect.poll(() => names('community-label')).toEqual(communities.map((c) => c.name).sort());
    const gridLabels = (await names('grid-label')).length;
    expect(gridLabels).toBeGreaterThan(0);
    expect(gridLabels).toBeLessThan(165);
    // The outlines themselves, heavier for streets than for communities.
    const order = await page.evaluate(() => window.__wall!.layerOrder());
    for (const layer of ['community-line', 'street-line']) expect(order).toContain(layer);
    // Names are drawn above the case markers and the patrol layers, patrols above the cases.
    const at = (id: string) => order.indexOf(id);
    expect(at('patrol-position')).toBeGreaterThan(at('incident-icon'));
    expect(at('patrol-track')).toBeGreaterThan(at('incident-cluster-count'));
    expect(at('community-label')).toBeGreaterThan(at('patrol-position'));
    expect(at('street-label')).toBeGreaterThan(at('community-label'));
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

  it('shows the 本月 rates /public shows for the same period, each tile naming its period', async () => {
    const period = presetPeriod('this_month', new Date());
    const r = await s.api('GET', `/api/public/stats?from=${period.from}&to=${period.to}&by=street`);
    expect(r.status).toBe(200);
    const tile = page.locator('[data-testid="kpi-closure-rate"]');
    await expect.poll(() => tile.getAttribute('data-value')).toBe(String(r.body.total.closureRate));
    expect(await page.locator('[data-testid="kpi-on-time-rate"]').getAttribute('data-value')).toBe(String(r.body.total.onTimeClosureRate));
    expect(await tile.innerText()).toContain(`${r.body.total.closureRate.toFixed(1)}`);
    const [, m, d0] = period.from.split('-').map(Number);
    const d1 = Number(period.to.slice(8));
    const days = d0 === d1 ? `${m}月${d0}日` : `${m}月${d0}日–${m}月${d1}日`;
    expect(await page.locator('[data-testid="kpi-closure-rate-period"]').innerText()).toBe(days);
    expect(await page.locator('[data-testid="kpi-reports-today-period"]').innerText()).toBe('今日');
    for (const id of ['kpi-open', 'kpi-overdue', 'kpi-warning'])
      expect(await page.locator(`[data-testid="${id}-period"]`).innerText()).toBe('当前');
    // 超期未结 on the tile is the overdue queue's count: one definition.
    const overdue = await page.locator('[data-testid="kpi-overdue"]').getAttribute('data-value');
    expect(await page.locator('[data-testid="overdue-count"]').getAttribute('data-count')).toBe(overdue);
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

  it('shows a case posted through the API within 2 s, and fetches the rates again within seconds', async () => {
    const refetch = page.waitForRequest((req) => req.url().includes('/api/public/stats'), { timeout: 10_000 });
    const id = await postCase();
    const t0 = Date.now();
    await page.waitForFunction((caseId) => window.__wall!.markerIds().includes(caseId), id, { timeout: 2000, polling: 50 });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(2000);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 2000 }).toContain('暴露垃圾');
    // A case event brings fresh 本月 figures in about five seconds, not at the next minute.
    await refetch;
    expect(Date.now() - t0).toBeLessThan(9000);
  });

  it('keeps the last figures when the indicators cannot be fetched', async () => {
    const before = await page.locator('[data-testid="kpi-closure-rate"]').getAttribute('data-value');
    await page.route('**/api/public/stats**', (route) => route.abort('connectionrefused'));
    const failed = page.waitForEvent('requestfailed', { predicate: (req) => req.url().includes('/api/public/stats'), timeout: 10_000 });
    await postCase();
    await failed;
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid="kpi-closure-rate"]').getAttribute('data-value')).toBe(before);
    expect(await page.locator('[data-testid="kpi-closure-rate"] .kpi-number').innerText()).not.toBe('—');
    await page.unroute('**/api/public/stats**');
  });

  it('draws a patrol’s pin, track and grid live from its positions, the patrol card moving with them', async () => {
    const [lng, lat] = gridPoint();
    const id = randomUUID();
    const iso = (ms: number) => new Date(ms).toISOString();
    const started = await s.api('POST', '/api/patrols', { cookie: patrol, body: { id, at: iso(Date.now() - 60_000) } });
    expect(started.status).toBeLessThan(300);
    const before = await page.evaluate(() => window.__wallPatrols!.summary());
    const hadGrid = await page.evaluate((grid) => window.__wallPatrols!.patrolledGrids().includes(grid), GRID);
    const t0 = Date.now();
    const r = await s.api('POST', `/api/patrols/${id}/track`, {
      cookie: patrol,
      body: {
        points: [
          { t: iso(Date.now() - 20_000), lng: lng - 0.0004, lat },
          { t: iso(Date.now() - 1000), lng, lat },
        ],
      },
    });
    expect(r.status).toBeLessThan(300);
    // Within seconds, not at the next minute's overview: the grid counts as patrolled, the pin is on the map.
    await page.waitForFunction((grid) => window.__wallPatrols!.patrolledGrids().includes(grid), GRID, { timeout: 3000 });
    await page.waitForFunction(
      () => window.__wallPatrols!.summary().onPatrol >= 1 && window.__wall!.rendered('patrol-position').length > 0,
      null,
      { timeout: 3000 },
    );
    expect(Date.now() - t0).toBeLessThan(3000);
    const after = await page.evaluate(() => window.__wallPatrols!.summary());
    expect(after.patrolledGrids).toBe(before.patrolledGrids + (hadGrid ? 0 : 1));
    expect(await page.locator('[data-testid="patrol-on-duty"]').innerText()).toBe(String(after.onPatrol));
    expect(await page.locator('[data-testid="patrol-card"]').innerText()).toContain(`已巡 ${after.patrolledGrids} / 165 网格`);
    const track = await page.evaluate((pid) => window.__wallPatrols!.tracks().find((t) => t.patrolId === pid), id);
    expect(track?.points).toBeGreaterThanOrEqual(1);
    await s.api('POST', `/api/patrols/${id}/actions`, { cookie: patrol, body: { type: 'finish', at: iso(Date.now()) } });
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

  it('draws cases at one spot as one cluster with their count', async () => {
    // Five cases were reported at the same point above: one disc says how many.
    const [lng, lat] = gridPoint();
    await expect
      .poll(() =>
        page.evaluate(([x, y]) => window.__wall!.renderedAt('incident-cluster', x!, y!).map((p) => Number(p.point_count)), [lng, lat]),
      )
      .toEqual([expect.any(Number)]);
    const [count] = await page.evaluate(
      ([x, y]) => window.__wall!.renderedAt('incident-cluster', x!, y!).map((p) => Number(p.point_count)),
      [lng, lat],
    );
    expect(count).toBeGreaterThanOrEqual(5);
  });

  it('lists a case the scheduler warns in the warning queue, nearest deadline first', async () => {
    const id = await postCase();
    const desk = await s.login('dispatcher');
    let version = (await s.api('GET', `/api/incidents/${id}`, { cookie: desk })).body.incident.version as number;
    for (const body of [{ type: 'register' }, { type: 'dispatch', leadDept: 'hwc' }]) {
      const res = await s.api('POST', `/api/incidents/${id}/actions`, { cookie: desk, body: { ...body, expectedVersion: version } });
      expect(res.status, body.type).toBe(200);
      version = res.body.incident.version;
    }
    const { deadline } = (await s.api('GET', `/api/incidents/${id}`, { cookie: desk })).body.incident;
    // The scheduler looks a minute before the deadline (past 80% of the time): 预警, not yet late.
    offsetMs = Date.parse(deadline) - 60_000 - Date.now();
    await s.scheduler.runOnce();
    offsetMs = 0;
    const row = page.locator(`[data-testid="warning-list"] [data-id="${id}"]`);
    await row.waitFor({ timeout: 5000 });
    expect(await row.innerText()).toContain('暴露垃圾');
    expect(await row.innerText()).toMatch(/剩 \d/);
    // Nearest deadline first, and the tile counts the same cases.
    const listed = await page
      .locator('[data-testid="warning-list"] [data-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
    const deadlines = await Promise.all(
      listed.map(async (c) => Date.parse((await s.api('GET', `/api/incidents/${c}`, { cookie: desk })).body.incident.deadline)),
    );
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const count = await page.locator('[data-testid="warning-count"]').getAttribute('data-count');
    expect(await page.locator('[data-testid="kpi-warning"]').getAttribute('data-value')).toBe(count);
    expect(cspViolations(page)).toEqual([]);
    // New ticker rows slide in over 0.8 s: the picture once they are in.
    await page.waitForTimeout(1000);
    await page.screenshot({ path: artifactPath('wall-1920x1080.png') });
  });

  it('is the same picture at 3840×2160, everything twice the size', async () => {
    const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const big = await context.newPage();
    await watchCsp(big);
    big.on('pageerror', (err) => console.error('page error (4K):', err));
    await signIn(big, 90_000);
    expect(parseFloat(await big.evaluate(() => getComputedStyle(document.documentElement).fontSize))).toBeCloseTo(40, 1);
    const small = await box(page, '[data-testid="wall-map"]');
    const large = await box(big, '[data-testid="wall-map"]');
    expect(large.width / small.width).toBeCloseTo(2, 1);
    expect(large.height / small.height).toBeCloseTo(2, 1);
    expect((large.width * large.height) / (3840 * 2160)).toBeGreaterThanOrEqual(0.5);
    const smallest = await smallestText(big);
    expect(smallest.px, smallest.where.join('; ')).toBeGreaterThanOrEqual(2 * MIN_TEXT_PX);
    const [one, two] = await Promise.all([page, big].map((p) => p.evaluate(() => window.__wall!.mapTextSizes())));
    for (const [layer, px] of Object.entries(one!)) expect(two![layer], layer).toBeCloseTo(2 * px, 5);
    // The KPI tiles are laid out as at 1080p, only twice as large.
    const tileSmall = await box(page, '[data-testid="kpi-on-time-rate"]');
    const tileLarge = await box(big, '[data-testid="kpi-on-time-rate"]');
    expect(tileLarge.x / tileSmall.x).toBeCloseTo(2, 1);
    expect(tileLarge.width / tileSmall.width).toBeCloseTo(2, 1);
    expect((await cutTextOn(big, { ignore: ['.maplibregl-map'] })).map(describeCut)).toEqual([]);
    expect(cspViolations(big)).toEqual([]);
    await big.screenshot({ path: artifactPath('wall-3840x2160.png') });
    await context.close();
  }, 180_000);
});

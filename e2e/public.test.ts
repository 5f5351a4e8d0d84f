import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { namedPreset } from '@streetchief/shared/calendar/presets';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, cspViolations, launchBrowser, watchCsp } from './browser.ts';

/**
 * The public disclosure page (/public) in real Chromium: no sign-in, plain tables, the trend chart,
 * the grid map, and not one request to an endpoint that is not public, even from a browser that
 * holds a session cookie.
 */

/** The only API paths the public page may call. */
const PUBLIC_API = new Set(['/api/public/stats', '/api/public/trend', '/api/grids']);

let s: TestServer;
let browser: Browser;
let page: Page;
const apiPaths: string[] = [];
const otherRequests: string[] = [];
let gridsBody: any = null;

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true });
  // A case of the test's own, reported now: this month has a class with figures on any day it runs.
  const grid = s.ctx.ref.grids.find((g) => g.code === '35040400200801')!;
  const [lng, lat] = interiorPoint(grid.polygon)!;
  const made = await s.api('POST', '/api/incidents', {
    cookie: await s.login('patrol_liexi'),
    body: { id: randomUUID(), category: 'E0101', description: '暴露垃圾（公示测试）', lng, lat, source: 'patrol' },
  });
  expect(made.status).toBe(201);
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  // A visitor who is also signed in elsewhere: the public page must still get the public answer only.
  const [name, value] = (await s.login('supervisor')).split('=') as [string, string];
  await context.addCookies([{ name, value, url: s.url }]);
  page = await context.newPage();
  await watchCsp(page);
  page.on('pageerror', (err) => console.error('page error:', err));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== s.url) return;
    if (url.pathname.startsWith('/api/')) apiPaths.push(url.pathname);
    else if (url.pathname.startsWith('/socket.io')) otherRequests.push(url.pathname);
  });
  page.on('response', async (res) => {
    if (new URL(res.url()).pathname === '/api/grids') gridsBody = await res.json().catch(() => null);
  });
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('public disclosure page in Chromium', () => {
  it('loads without sign-in and ranks the departments in a captioned table', async () => {
    await page.goto(`${s.url}/public`);
    const rows = page.locator('[data-testid="dept-ranking"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
    expect(await page.locator('[data-testid="dept-ranking"] caption').innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await page.locator('[data-testid="dept-ranking"] thead th[scope="col"]').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid="dept-ranking"] tbody th[scope="row"]').count()).toBe(await rows.count());
    // The best and the worst are named, and they are the first and the last ranked rows.
    const named = await page.locator('[data-testid="dept-best-worst"]').innerText();
    const first = await rows.first().locator('th').innerText();
    expect(named).toContain(first);
    expect(await page.locator('[data-testid="street-ranking"] tbody tr').count()).toBe(3);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('监督公示');
  });

  it('draws the trend with ECharts on a canvas and shades the grids on the map', async () => {
    await page.locator('[data-testid="trend-chart"] canvas').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="trend-chart"]').getAttribute('role')).toBe('img');
    // The map, or (without WebGL) the note that replaces it; the legend counts the grids either way.
    await page.locator('[data-testid="grid-map"][data-loaded="true"], [data-testid="map-fallback"]').first().waitFor({ timeout: 20_000 });
    const legendCounts = await page.$$eval('[data-testid="map-legend"] tbody td', (tds) => tds.map((td) => Number(td.textContent)));
    expect(legendCounts.reduce((a, b) => a + b, 0)).toBe(165);
    expect(cspViolations(page)).toEqual([]);
  });

  it('changes the period and keeps the tables', async () => {
    await page.getByRole('button', { name: '本年' }).click();
    await expect.poll(() => page.locator('[data-testid="dept-ranking"] caption').innerText(), { timeout: 10_000 }).toMatch(/\d{4}-01-01/);
    expect(await page.getByRole('button', { name: '本年' }).getAttribute('aria-pressed')).toBe('true');
    expect(new URL(page.url()).searchParams.get('period')).toBe('this_year');
    await page.screenshot({ path: artifactPath('public.png'), fullPage: true });
  });

  it('opens on 本月 month to date, names it, and shows the engine’s district figures for it', async () => {
    await page.goto(`${s.url}/public`);
    // The label of this month to date, by the shared presets (read again in the poll: the test may cross midnight).
    await expect
      .poll(
        async () => {
          const shown = await page.locator('[data-testid="period-shown"]').innerText();
          return shown.includes(namedPreset('this_month', new Date()).label['zh-CN']);
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await page.getByRole('button', { name: '本月' }).getAttribute('aria-pressed')).toBe('true');
    const { from, to } = namedPreset('this_month', new Date());
    expect(await page.locator('[data-testid="dept-ranking"] caption').innerText()).toContain(`${from} 至 ${to}`);
    // The same 结案率 and 按期结案率 as the one engine gives for the period, signed in or not.
    const line = page.locator('[data-testid="district-figures"]');
    await expect.poll(() => line.getAttribute('data-closure'), { timeout: 10_000 }).not.toBe('');
    const pub = (await s.api('GET', `/api/public/stats?from=${from}&to=${to}&by=department`)).body.total;
    const signed = (await s.api('GET', `/api/stats?from=${from}&to=${to}&by=street`, { cookie: await s.login('supervisor') })).body.total;
    expect(signed.closureRate).toBe(pub.closureRate);
    expect(signed.onTimeClosureRate).toBe(pub.onTimeClosureRate);
    const text = await line.innerText();
    const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
    expect(text).toContain(`结案率 ${pct(pub.closureRate)}`);
    expect(text).toContain(`按期结案率 ${pct(pub.onTimeClosureRate)}`);
  });

  it('takes a custom period only when it is a real one, and says what is wrong at the field', async () => {
    await page.getByRole('button', { name: '自定义' }).click();
    const form = page.locator('[data-testid="period-picker-custom"]');
    await form.locator('input[name="from"]').fill('2026-11-20');
    await form.locator('input[name="to"]').fill('2026-11-05');
    const asked: string[] = [];
    const listen = (req: { url: () => string }) => asked.push(req.url());
    page.on('request', listen);
    await form.getByRole('button', { name: '查看' }).click();
    const alert = form.getByRole('alert');
    expect(await alert.innerText()).toBe('开始日期不能晚于结束日期');
    expect(await form.locator('input[name="to"]').getAttribute('aria-invalid')).toBe('true');
    expect(asked.filter((u) => u.includes('/api/public/stats'))).toEqual([]);
    await form.locator('input[name="from"]').fill('');
    await form.getByRole('button', { name: '查看' }).click();
    expect(await alert.innerText()).toBe('请填写开始日期');
    expect(await form.locator('input[name="from"]').getAttribute('aria-invalid')).toBe('true');
    page.off('request', listen);

    await form.locator('input[name="from"]').fill('2026-11-05');
    await form.locator('input[name="to"]').fill('2026-11-20');
    await form.getByRole('button', { name: '查看' }).click();
    await expect
      .poll(() => page.locator('[data-testid="dept-ranking"] caption').innerText(), { timeout: 10_000 })
      .toContain('2026-11-05 至 2026-11-20');
    expect(await page.locator('[data-testid="period-shown"]').innerText()).toContain('11月5日–11月20日');
    expect(await page.getByRole('button', { name: '自定义' }).getAttribute('aria-pressed')).toBe('true');
    const q = new URL(page.url()).searchParams;
    expect([q.get('period'), q.get('from'), q.get('to')]).toEqual(['custom', '2026-11-05', '2026-11-20']);
  });

  it('shows the figures by case class and downloads exactly the rows shown as CSV', async () => {
    await page.getByRole('button', { name: '本月' }).click();
    await page.locator('[data-testid="grouping"]').getByRole('button', { name: '案件小类' }).click();
    const { from, to } = namedPreset('this_month', new Date());
    const api = (await s.api('GET', `/api/public/stats?from=${from}&to=${to}&by=category`)).body;
    const rows = page.locator('[data-testid="detail-ranking"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(api.rows.filter((r: any) => r.key !== '').length);
    expect(api.rows.map((r: any) => r.key)).toContain('E0101');
    expect(await rows.locator('th', { hasText: '暴露垃圾' }).count()).toBe(1);
    expect(await page.locator('[data-testid="detail-ranking"] caption').innerText()).toContain('按案件小类统计');
    expect(new URL(page.url()).searchParams.get('by')).toBe('category');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-csv"]').click()]);
    expect(download.suggestedFilename()).toBe(`监督公示_案件小类_${from}_${to}.csv`);
    const file = artifactPath('public-by-class.csv');
    await download.saveAs(file);
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]!.split(',').slice(0, 8)).toEqual([
      '案件小类',
      '上报数',
      '应结案数',
      '结案数',
      '按期结案数',
      '结案率(%)',
      '按期结案率(%)',
      '返工率(%)',
    ]);
    expect(lines.length).toBe(1 + api.rows.length + 1);
    const totalLine = lines.at(-1)!.split(',');
    expect(totalLine[0]).toBe('全区合计');
    expect(totalLine[5]).toBe(api.total.closureRate === null ? '' : String(api.total.closureRate));
    expect(totalLine[6]).toBe(api.total.onTimeClosureRate === null ? '' : String(api.total.onTimeClosureRate));
    const exposed = lines.find((l) => l.startsWith('暴露垃圾,'))!.split(',');
    const apiRow = api.rows.find((r: any) => r.key === 'E0101');
    expect(exposed.slice(1, 5).map(Number)).toEqual([apiRow.reported, apiRow.due, apiRow.closed, apiRow.closedOnTime]);
  });

  it('calls only the public endpoints, without the session, and receives no personal data', async () => {
    expect(apiPaths.length).toBeGreaterThan(0);
    expect(apiPaths.filter((p) => !PUBLIC_API.has(p))).toEqual([]);
    expect(otherRequests).toEqual([]);
    // The grids answer for a signed-in request carries staff and chiefs; the page asked without the cookie.
    expect(gridsBody?.features?.length).toBe(165);
    for (const f of gridsBody.features) {
      expect(f.properties.staff).toBeUndefined();
      expect(f.properties.chief).toBeUndefined();
    }
  });

  it('works without the map when the browser has no WebGL', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return /webgl/i.test(type) ? null : (original as any).call(this, type, ...rest);
      } as typeof original;
    });
    const noGl = await context.newPage();
    const errors: Error[] = [];
    noGl.on('pageerror', (err) => errors.push(err));
    await noGl.goto(`${s.url}/public`);
    await noGl.locator('[data-testid="map-fallback"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => noGl.locator('[data-testid="dept-ranking"] tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
    // The chart draws on a 2D canvas, which is still there.
    await noGl.locator('[data-testid="trend-chart"] canvas').first().waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints without the controls or the map', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('button:visible').count()).toBe(0);
      expect(await page.locator('[data-testid="grid-map"]').isVisible()).toBe(false);
      expect(await page.locator('[data-testid="dept-ranking"]').isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('prints the trend chart in its own box above the next heading, and the map’s legend goes with the map', async () => {
    // As on paper: the browser lays the page out for print without giving the chart a resize, so
    // here no ResizeObserver ever reports and the chart keeps the canvas it drew for the screen.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(() => {
      window.ResizeObserver = class {
        observe() {}
        unobserve() {}
        disconnect() {}
      } as unknown as typeof ResizeObserver;
    });
    const page = await context.newPage();
    await page.goto(`${s.url}/public`);
    await page.locator('[data-testid="trend-chart"] canvas').first().waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="grid-map"][data-loaded="true"], [data-testid="map-fallback"]').first().waitFor({ timeout: 20_000 });
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('[data-testid="map-legend"]').isVisible()).toBe(false);
      expect(await page.locator('[data-testid="grid-map"], [data-testid="map-fallback"]').first().isVisible()).toBe(false);
      const chart = (await page.locator('[data-testid="trend-chart"]').boundingBox())!;
      const canvas = (await page.locator('[data-testid="trend-chart"] canvas').first().boundingBox())!;
      // The heading that follows the chart on paper.
      const next = (await page.locator('#pub-detail').boundingBox())!;
      expect(chart.height).toBeGreaterThan(100);
      expect(chart.y + chart.height).toBeLessThanOrEqual(next.y);
      expect(canvas.y + canvas.height).toBeLessThanOrEqual(next.y);
      // The drawing stays inside the chart's box.
      expect(canvas.y).toBeGreaterThanOrEqual(chart.y - 0.5);
      expect(canvas.y + canvas.height).toBeLessThanOrEqual(chart.y + chart.height + 0.5);
      expect(canvas.x + canvas.width).toBeLessThanOrEqual(chart.x + chart.width + 0.5);
      const pdf = artifactPath('public-print.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
      await page.screenshot({ path: artifactPath('public-print.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

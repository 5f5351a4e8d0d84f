import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
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
});

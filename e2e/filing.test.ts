import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { dayBounds, dayOf, timeOnDay } from '@streetchief/shared/field/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser, signInThroughForm } from './browser.ts';

// The wall's read-only debug hooks (window.__wall), typed by the client.
import type {} from '../client/src/wall/debug.ts';

/**
 * Daily reports (日巡日报) on the dispatch desk's 日报 view and on the wall map, in real Chromium,
 * live: staff file through the API and both screens follow without a reload, on their own
 * one-minute refresh, and turn to the next day at midnight.
 *
 * Time is driven, not waited for: the server runs on a clock the test moves (today 19:00 in
 * Shanghai at the start, so the 20:00 deadline makes a first report on time and a later one
 * late), and both browsers have Playwright's clock installed at the same instant and jumped
 * forward together with it, as if the screens had been left on for that long.
 */

/** 徐碧社区第02网格: expects its grid staff (grid_xubi) and the street's patrol officer (patrol_xubi). */
const XUBI_02 = '35040400300102';
/** patrol_xubi's other grids, where nobody else files. */
const XUBI_01 = '35040400300101';
const XUBI_03 = '35040400300103';
/** 东安社区第01网格, another street: grid_dongan and patrol_liedong, neither of whom files here. */
const DONGAN_01 = '35040400100101';
const XUBI_STREET = '350404003';
/** A refresh a page makes by itself may take this long to show (two cores, software WebGL). */
const LIVE_MS = 15_000;

let s: TestServer;
let browser: Browser;
let deskContext: BrowserContext;
let wallContext: BrowserContext;
let desk: Page;
let wall: Page;
/** The server's clock runs this far ahead of the real one. */
let offset = 0;
const serverNow = () => new Date(Date.now() + offset);
let today: string;
const ids: Record<string, string> = {};

/** Moves the server's clock and both browsers' clocks forward together by `ms`. */
async function jump(ms: number): Promise<void> {
  offset += ms;
  await Promise.all([deskContext.clock.fastForward(ms), wallContext.clock.fastForward(ms)]);
}

/** Moves all clocks forward to `at` (server time). */
async function jumpTo(at: Date): Promise<void> {
  await jump(at.getTime() - serverNow().getTime());
}

async function openAs(context: BrowserContext, pathName: string, username: string): Promise<Page> {
  // The clock goes in before the page's first script, so every timer of the app runs on it.
  await context.clock.install({ time: serverNow() });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error (${username}):`, err));
  await signInThroughForm(page, `${s.url}${pathName}`, username);
  return page;
}

/** Files `username`'s daily report for today through the API, as the phone's outbox does. */
async function fileDailyReport(username: string): Promise<{ late: boolean; submittedAt: string }> {
  const cookie = await s.login(username);
  const draft = await s.api('GET', '/api/daily-reports/draft', { cookie });
  expect(draft.status).toBe(200);
  expect(draft.body.existing).toBeNull();
  const r = await s.api('POST', '/api/daily-reports', {
    cookie,
    body: {
      id: randomUUID(),
      day: draft.body.day,
      submittedAt: serverNow().toISOString(),
      checklist: { sanitation: { count: 1, note: '' } },
      notes: `${username} 今日巡查完毕`,
    },
  });
  expect(r.status).toBe(201);
  return r.body.report;
}

const filing = (): Locator => desk.locator('[data-testid="filing"]');
const person = (grid: string, username: string, state?: string): Locator =>
  filing().locator(`[data-grid="${grid}"] [data-user="${ids[username]}"]${state ? `[data-state="${state}"]` : ''}`);
const gridRow = (grid: string, complete: boolean): Locator => filing().locator(`[data-grid="${grid}"][data-complete="${complete}"]`);
const filedGrids = () => wall.evaluate(() => window.__wall!.filedGrids().sort());

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  today = dayOf(Date.now());
  offset = timeOnDay(today, '19:00').getTime() - Date.now();
  s = await startTestServer({ serveClient: true, now: serverNow });
  for (const name of ['grid_xubi', 'patrol_xubi', 'grid_dongan']) {
    ids[name] = (await s.api('GET', '/api/session', { cookie: await s.login(name) })).body.user.id;
  }
  browser = await launchBrowser();
  deskContext = await browser.newContext({ viewport: { width: 1600, height: 950 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  [desk, wall] = await Promise.all([openAs(deskContext, '/dispatch', 'dispatcher'), openAs(wallContext, '/wall', 'wall')]);
  await Promise.all([
    desk.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 }),
    wall.waitForFunction(() => window.__wall?.mapLoaded === true && window.__wall.gridFiling().grids.length > 0, null, {
      timeout: 60_000,
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('daily reports on the dispatch desk and the wall, live', { timeout: 90_000 }, () => {
  it('opens the 日报 view with its number key: nobody has filed yet', async () => {
    await desk.keyboard.press('0'); // the tenth tab, after the nine queues
    await filing().waitFor();
    expect(await desk.locator('[data-view="filing"][aria-pressed="true"]').count()).toBe(1);
    await filing().locator(`[data-grid="${XUBI_02}"]`).waitFor();
    expect(await filing().getAttribute('data-day')).toBe(today);
    expect(await desk.getByTestId('filing-deadline').innerText()).toContain('截止 20:00');
    for (const [grid, who] of [
      [XUBI_02, 'grid_xubi'],
      [XUBI_02, 'patrol_xubi'],
      [DONGAN_01, 'grid_dongan'],
    ] as const) {
      expect(await person(grid, who).getAttribute('data-state')).toBe('missing');
      expect(await person(grid, who).innerText()).toContain('未交');
    }
    expect(await desk.evaluate(() => location.hash)).toContain('queue=filing');

    // The wall has read the same day: grids with staff, none complete yet.
    const seen = await wall.evaluate(() => window.__wall!.gridFiling());
    expect(seen.day).toBe(today);
    expect(seen.grids.find((g) => g.code === XUBI_02)).toEqual({ code: XUBI_02, filed: 0, expected: 2 });
    expect(await filedGrids()).toEqual([]);
  });

  it('a patrol officer files on time: their grids turn complete, the shared grid still waits for its grid staff', async () => {
    const report = await fileDailyReport('patrol_xubi');
    expect(report.late).toBe(false);
    await jump(61_000); // the screens' one-minute refresh comes round

    await person(XUBI_02, 'patrol_xubi', 'on_time').waitFor({ timeout: LIVE_MS });
    expect(await person(XUBI_02, 'patrol_xubi').innerText()).toMatch(/按时 19:\d\d/);
    expect(await person(XUBI_02, 'grid_xubi').getAttribute('data-state')).toBe('missing');
    await gridRow(XUBI_01, true).waitFor();
    expect(await gridRow(XUBI_02, false).count()).toBe(1);

    await wall.waitForFunction(
      ([a, b]) => {
        const filed = window.__wall!.filedGrids();
        return filed.includes(a!) && filed.includes(b!);
      },
      [XUBI_01, XUBI_03],
      { timeout: LIVE_MS },
    );
    expect(await filedGrids()).not.toContain(XUBI_02);
  });

  it('the grid staff files after the deadline: shown as late on the desk, and the grid turns complete on the wall', async () => {
    await jumpTo(timeOnDay(today, '20:30'));
    await desk.getByTestId('filing-deadline').getByText('已过截止时间 20:00').waitFor({ timeout: LIVE_MS });
    // Before the deadline "未交"; after it the people still missing read "逾期未交".
    await person(DONGAN_01, 'grid_dongan').getByText('逾期未交').waitFor({ timeout: LIVE_MS });

    const report = await fileDailyReport('grid_xubi');
    expect(report.late).toBe(true);
    await jump(61_000);

    await person(XUBI_02, 'grid_xubi', 'late').waitFor({ timeout: LIVE_MS });
    expect(await person(XUBI_02, 'grid_xubi').innerText()).toMatch(/迟交 20:3\d/);
    await gridRow(XUBI_02, true).waitFor();
    // Another grid's staff has still not filed.
    expect(await person(DONGAN_01, 'grid_dongan').getAttribute('data-state')).toBe('missing');
    expect(await gridRow(DONGAN_01, false).count()).toBe(1);
    const totals = desk.getByTestId('filing-totals');
    expect(await totals.getAttribute('data-filed')).toBe('2');

    await wall.waitForFunction((code) => window.__wall!.filedGrids().includes(code), XUBI_02, { timeout: LIVE_MS });
    expect(await filedGrids()).toEqual([XUBI_01, XUBI_02, XUBI_03]);
    expect(await filedGrids()).not.toContain(DONGAN_01);
    // The street figures stay in the patrol card: 徐碧 has both its people in.
    const street = wall.locator(`[data-testid="patrol-filing"] [data-street="${XUBI_STREET}"]`);
    expect(await street.getAttribute('data-filed')).toBe('2');
    expect(await street.getAttribute('data-expected')).toBe('2');
    // The legend explains both marks, and the wall still fits its screen.
    await wall.getByTestId('legend-filing-done').waitFor();
    await wall.getByTestId('legend-filing-due').waitFor();
    expect(
      await wall.evaluate(
        () => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth,
      ),
    ).toBe(true);
    await desk.screenshot({ path: artifactPath('filing-dispatch.png') });
    await wall.screenshot({ path: artifactPath('filing-wall.png') });
  });

  it('turns to the next day at midnight by itself: nobody has filed yet', async () => {
    await jumpTo(new Date(dayBounds(today).end - 20_000)); // 23:59:40; the minute refresh fires here
    // The desk's answer from after the jump (the browsers' clocks may trail the server's by a moment).
    const at = Date.now() + offset - 10_000;
    await expect.poll(async () => Number(await filing().getAttribute('data-loaded-at')), { timeout: LIVE_MS }).toBeGreaterThanOrEqual(at);
    // 27 s on is past midnight but short of the next minute refresh: the day-change timer reads the new day.
    await jump(27_000);
    const tomorrow = dayOf(serverNow());
    expect(tomorrow).not.toBe(today);
    await desk.locator(`[data-testid="filing"][data-day="${tomorrow}"]`).waitFor({ timeout: 10_000 });
    expect(await person(XUBI_02, 'grid_xubi').getAttribute('data-state')).toBe('missing');
    expect(await person(XUBI_02, 'patrol_xubi').getAttribute('data-state')).toBe('missing');
    await wall.waitForFunction((day) => window.__wall!.gridFiling().day === day, tomorrow, { timeout: 10_000 });
    await expect.poll(filedGrids).toEqual([]);

    // Nobody reloaded a page on the way.
    for (const page of [desk, wall]) expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  });
});

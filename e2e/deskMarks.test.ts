import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser, signInThroughForm } from './browser.ts';
import { cutTextLines } from './textFit.ts';

/** The map draws its own labels: left out of the cut-text check. */
const NOT_MAP = { ignore: ['.case-map', '.maplibregl-map'] };

/**
 * What the desks mark on a case, at 1920×1080, on cases the test makes itself:
 * - a case that missed its deadline shows 已超期, keeps 曾超期（原期限 …）after a meeting re-dates it
 *   (the countdown then runs to the new deadline), and the department's 申请延期 button gives way
 *   to the reason;
 * - the scheduler's 80% warning puts a case in 预警 on /dispatch and on its department's desk;
 * - a second report of the same problem carries 疑似重复: the drawer links the first case and
 *   voids the second as its duplicate in one click;
 * - 导出 CSV downloads the queue on screen.
 * The server's clock is moved (a case dispatched ten days ago; the scheduler run a minute before a
 * deadline); the browsers keep real time.
 */

const DAY_MS = 86_400_000;
const LIVE_MS = 10_000;
const VIEWPORT = { width: 1920, height: 1080 };

let s: TestServer;
let browser: Browser;
let dispatcher: Page;
let dept: Page;
/** The server's clock runs this far from the real one. */
let offsetMs = 0;
const late = { id: '', caseNo: '', missed: '' };
const warned = { id: '', caseNo: '' };
const first = { id: '', caseNo: '' };
const second = { id: '', caseNo: '' };

/** A point inside the `n`th grid of the district (each scenario its own, so they are no duplicates of each other). */
function pointIn(n: number): [number, number] {
  return interiorPoint(s.ctx.ref.grids[n]!.polygon)!;
}

/** A patrol's report of 暴露垃圾 at `where`; registered and dispatched to 环卫 unless `reportOnly`. */
async function makeCase(where: [number, number], description: string, reportOnly = false): Promise<{ id: string; caseNo: string }> {
  const id = randomUUID();
  const [lng, lat] = where;
  const r = await s.api('POST', '/api/incidents', {
    cookie: await s.login('patrol_liexi'),
    body: { id, category: 'E0101', description, lng, lat, source: 'patrol' },
  });
  expect(r.status).toBe(201);
  let version = r.body.incident.version as number;
  if (!reportOnly) {
    const desk = await s.login('dispatcher');
    for (const body of [{ type: 'register' }, { type: 'dispatch', leadDept: 'hwc' }]) {
      const res = await s.api('POST', `/api/incidents/${id}/actions`, { cookie: desk, body: { ...body, expectedVersion: version } });
      expect(res.status, `${body.type} while preparing the case`).toBe(200);
      version = res.body.incident.version;
    }
  }
  return { id, caseNo: r.body.incident.caseNo };
}

async function caseOf(id: string): Promise<any> {
  return (await s.api('GET', `/api/incidents/${id}`, { cookie: await s.login('dispatcher') })).body.incident;
}

async function openAs(pathName: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error (${username}):`, err));
  await signInThroughForm(page, `${s.url}${pathName}`, username);
  return page;
}

const row = (page: Page, id: string): Locator => page.locator(`[data-testid="queue-list"] [data-id="${id}"]`);
const drawer = (page: Page, id: string): Locator => page.locator(`[data-testid="drawer"][data-id="${id}"]`);
const queueIds = (page: Page) =>
  page.locator('[data-testid="queue-list"] [data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));

/** The Shanghai date and time of `iso` as the late mark writes it in Chinese: 12月1日 17:00. */
function zhDayTime(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .replace(/\s+/g, ' ');
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true, now: () => new Date(Date.now() + offsetMs) });

  // Dispatched ten days ago: its deadline passed long since; the scheduler's overdue mark records it.
  offsetMs = -10 * DAY_MS;
  Object.assign(late, await makeCase(pointIn(0), '超期测试：垃圾桶满溢'));
  offsetMs = 0;
  // Dispatched now; the scheduler runs a minute before its deadline (80% used): 预警.
  Object.assign(warned, await makeCase(pointIn(3), '预警测试：绿化带垃圾'));
  const { deadline } = await caseOf(warned.id);
  offsetMs = Date.parse(deadline) - 60_000 - Date.now();
  await s.scheduler.runOnce();
  offsetMs = 0;
  await s.scheduler.runOnce();
  late.missed = (await caseOf(late.id)).lateAt;
  expect(late.missed).toBeTruthy();
  expect((await caseOf(warned.id)).warnedAt).toBeTruthy();

  browser = await launchBrowser();
  [dispatcher, dept] = await Promise.all([openAs('/dispatch', 'dispatcher'), openAs('/dept', 'dept_hwc')]);
  await Promise.all(
    [dispatcher, dept].map((p) => p.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 })),
  );
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('late, warning, duplicate and export on the desks', { timeout: 90_000 }, () => {
  it('a late case shows 已超期, and the department gets the reason in place of 申请延期', async () => {
    await row(dept, late.id).waitFor({ timeout: LIVE_MS });
    await expect(row(dept, late.id).getByTestId('countdown').innerText()).resolves.toMatch(/^⚠ 超期 /);
    await row(dept, late.id).click();
    const d = drawer(dept, late.id);
    await expect(d.getByTestId('late-mark').innerText()).resolves.toBe(`已超期（期限 ${zhDayTime(late.missed)}）`);
    const bar = d.locator('.action-buttons > *');
    await expect
      .poll(() => bar.evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? `refused:${e.getAttribute('data-refused')}`)))
      .toEqual(['accept', 'return', 'refused:request_extension']);
    await expect(d.getByTestId('action-refused').innerText()).resolves.toBe('延期须在期限前申请；已超期案件只能由联席会议重新定期限');
  });

  it('after a meeting sets a new deadline it still says 曾超期 with the missed one, and counts down to the new one', async () => {
    const c = await caseOf(late.id);
    const r = await s.api('POST', `/api/incidents/${late.id}/actions`, {
      cookie: await s.login('supervisor'),
      body: {
        type: 'decide',
        expectedVersion: c.version,
        reason: '联席例会：限期三日内办结',
        deadline: new Date(Date.now() + 3 * DAY_MS).toISOString(),
      },
    });
    expect(r.status).toBe(200);
    const d = drawer(dept, late.id);
    const wasLate = `曾超期（原期限 ${zhDayTime(late.missed)}）`;
    await d.locator('[data-testid="late-mark"][data-late="wasLate"]').waitFor({ timeout: LIVE_MS });
    await expect(d.getByTestId('late-mark').innerText()).resolves.toBe(wasLate);
    await expect(d.getByTestId('countdown').innerText()).resolves.toMatch(/^剩余 \d+天/);
    await expect(row(dept, late.id).getByTestId('late-mark').innerText()).resolves.toBe(wasLate);
    await expect(row(dept, late.id).getByTestId('countdown').innerText()).resolves.toMatch(/^剩余 /);
    // Still late: no extension, the reason stays.
    await expect(d.getByTestId('action-refused').innerText()).resolves.toContain('联席会议');
    expect(await d.locator('[data-action="request_extension"]').count()).toBe(0);
    await dept.screenshot({ path: artifactPath('desk-late.png') });

    // The dispatcher's 超期 queue keeps it.
    await dispatcher.locator('.queue-tab[data-queue="overdue"]').click();
    await row(dispatcher, late.id).waitFor({ timeout: LIVE_MS });
    await expect(row(dispatcher, late.id).getByTestId('late-mark').innerText()).resolves.toBe(wasLate);
  });

  it('the warned case is in 预警 on both desks, nearest deadline first', async () => {
    for (const page of [dispatcher, dept]) {
      await page.locator('.queue-tab[data-queue="warning"]').click();
      await row(page, warned.id).waitFor({ timeout: LIVE_MS });
      const ids = await queueIds(page);
      expect(ids).not.toContain(late.id);
      const deadlines = await Promise.all(ids.map(async (id) => Date.parse((await caseOf(id)).deadline)));
      expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    }
    // On the department's desk only its own cases.
    for (const id of await queueIds(dept)) expect((await caseOf(id)).leadDept).toBe('hwc');
  });

  it('导出 CSV of 超期 downloads the overdue cases: the late one, not the warned one', async () => {
    await dispatcher.locator('.queue-tab[data-queue="overdue"]').click();
    const link = dispatcher.locator('[data-testid="queue-export"] a[data-format="csv"]');
    await expect(link.getAttribute('href')).resolves.toBe('/api/exports/cases.csv?overdue=true');
    const [download] = await Promise.all([dispatcher.waitForEvent('download'), link.click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(late.caseNo);
    expect(csv).not.toContain(warned.caseNo);
    await expect(dispatcher.locator('[data-testid="queue-export"] a[data-format="xlsx"]').getAttribute('href')).resolves.toBe(
      '/api/exports/cases.xlsx?overdue=true',
    );
    // 预警 has no export filter: the desk says so rather than exporting other cases.
    await dispatcher.locator('.queue-tab[data-queue="warning"]').click();
    await expect(dispatcher.getByTestId('queue-export').innerText()).resolves.toBe('本队列不能按条件导出');
  });

  it('a second report of the same problem is marked 疑似重复 and voided as its duplicate in one click', async () => {
    const where = pointIn(6);
    Object.assign(first, await makeCase(where, '重复测试：路边垃圾堆', true));
    Object.assign(second, await makeCase(where, '重复测试：路边垃圾堆（再报）', true));
    await dispatcher.locator('.queue-tab[data-queue="reported"]').click();
    await row(dispatcher, second.id).waitFor({ timeout: LIVE_MS });
    await expect(row(dispatcher, second.id).getByTestId('dup-badge').innerText()).resolves.toBe('疑似重复');
    await row(dispatcher, second.id).click();
    const item = drawer(dispatcher, second.id).locator(`[data-testid="dup-list"] [data-id="${first.id}"]`);
    await item.waitFor();
    const text = await item.innerText();
    expect(text).toContain(first.caseNo);
    expect(text).toContain('相距 0 米');
    expect(text).toContain('同一上报人');
    await dispatcher.screenshot({ path: artifactPath('desk-duplicate.png') });

    // The number opens the other case; the row opens this one again.
    await item.getByTestId('dup-open').click();
    await drawer(dispatcher, first.id).waitFor();
    await row(dispatcher, second.id).click();
    await drawer(dispatcher, second.id).locator(`[data-testid="dup-list"] [data-id="${first.id}"] [data-testid="dup-void"]`).click();
    await dispatcher.locator(`[data-testid="drawer"][data-id="${second.id}"][data-status="voided"]`).waitFor({ timeout: LIVE_MS });
    await row(dispatcher, second.id).waitFor({ state: 'detached', timeout: LIVE_MS });
    await expect(drawer(dispatcher, second.id).locator('.timeline-entry[data-kind="void"]').innerText()).resolves.toContain(
      `重复：与案件 ${first.caseNo} 为同一问题`,
    );
    // The first report stays to be registered.
    expect((await caseOf(first.id)).status).toBe('reported');
  });

  it('no text is cut on either desk at 1920×1080, in Chinese and in English', async () => {
    // The dispatcher looks at the voided duplicate (its list of possible duplicates), found by number.
    const search = dispatcher.locator('[data-testid="case-search"] input');
    await search.fill(second.caseNo);
    await search.press('Enter');
    await drawer(dispatcher, second.id).locator('[data-testid="dup-list"]').waitFor({ timeout: LIVE_MS });
    await search.press('Escape');
    await search.blur();
    await dept.locator('.queue-tab[data-queue="dispatched"]').click();
    await row(dept, late.id).click();
    await drawer(dept, late.id).getByTestId('late-mark').waitFor();
    for (const [page, what, queues] of [
      [dispatcher, '/dispatch', ['overdue', 'warning', 'reported']],
      [dept, '/dept', ['dispatched', 'warning', 'assisting']],
    ] as const) {
      for (const lang of ['zh-CN', 'en']) {
        if (lang === 'en') {
          await page.getByRole('button', { name: 'EN', exact: true }).click();
          await page.locator('html[lang="en"]').waitFor();
        }
        for (const queue of queues) {
          await page.locator(`.queue-tab[data-queue="${queue}"]`).click();
          expect(await cutTextLines(page, NOT_MAP), `${what} ${queue} ${lang}`).toEqual([]);
        }
      }
    }
    await dept.screenshot({ path: artifactPath('desk-late-en.png') });
    for (const page of [dispatcher, dept]) expect(await page.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
  });
});

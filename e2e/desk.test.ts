import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser, pngFromPage, signInThroughForm } from './browser.ts';

// The wall's read-only debug hooks (window.__wall), typed by the client.
import type {} from '../client/src/wall/debug.ts';

/**
 * The case workflow driven through the desks in real Chromium, four people at once: a case
 * reported by a patrol is registered and dispatched on /dispatch, returned once and re-dispatched,
 * accepted and fed back with a photo on /dept, failed and then passed on /check, and closed on the
 * wall. Every hand-over is checked on the NEXT person's page, live, without a reload.
 */

const GRID = '35040400200801';
const GRID_NAME = '小蕉社区第01网格';
/** How long a live update may take to reach another page (generous: CI machines share two cores with four pages of software WebGL). */
const LIVE_MS = 10_000;

let s: TestServer;
let browser: Browser;
let dispatcher: Page;
let dept: Page;
let check: Page;
let wall: Page;
let caseId: string;
let caseNo: string;

async function openAs(pathName: string, username: string, viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(mobile ? { hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error (${username}):`, err));
  await signInThroughForm(page, `${s.url}${pathName}`, username);
  return page;
}

/** The row of the test case in a desk's visible queue. */
const row = (page: Page): Locator => page.locator(`[data-testid="queue-list"] [data-id="${caseId}"]`);
/** The drawer when it shows the test case. */
const drawer = (page: Page): Locator => page.locator(`[data-testid="drawer"][data-id="${caseId}"]`);
/** The test case's card on /check. */
const card = (page: Page): Locator => page.locator(`[data-testid="check-list"] [data-id="${caseId}"]`);

async function expectStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="drawer"][data-id="${caseId}"][data-status="${status}"]`).waitFor({ timeout: LIVE_MS });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true });
  browser = await launchBrowser();
  const desk = { width: 1600, height: 950 };
  [dispatcher, dept, check, wall] = await Promise.all([
    openAs('/dispatch', 'dispatcher', desk),
    openAs('/dept', 'dept_hwc', desk),
    openAs('/check', 'grid_xiaojiao', { width: 360, height: 760 }, true),
    openAs('/wall', 'wall', { width: 1920, height: 1080 }),
  ]);
  await Promise.all([
    dispatcher.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 }),
    dept.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 }),
    check.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 }),
    wall.waitForFunction(() => window.__wall?.mapLoaded === true && window.__wall.connection().status === 'live', null, {
      timeout: 60_000,
    }),
  ]);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

// Each step drives two or three pages; on a loaded machine that takes more than the default 30 s.
describe('case desks in Chromium: dispatch → dept → check → wall, live', { timeout: 90_000 }, () => {
  it('shows a new report on the dispatcher’s 待立案 queue without a reload', async () => {
    const patrol = await s.login('patrol_liexi');
    const grid = s.ctx.ref.grids.find((g) => g.code === GRID)!;
    const [lng, lat] = interiorPoint(grid.polygon)!;
    caseId = randomUUID();
    const r = await s.api('POST', '/api/incidents', {
      cookie: patrol,
      body: { id: caseId, category: 'E0101', description: '小蕉路口垃圾桶旁有暴露垃圾', lng, lat, source: 'patrol' },
    });
    expect(r.status).toBe(201);
    caseNo = r.body.incident.caseNo;
    expect(caseNo).toMatch(/^\d{4}-\d{6}$/);
    await row(dispatcher).waitFor({ timeout: LIVE_MS });
    await expect.poll(() => dispatcher.locator('[data-queue="reported"] .queue-count').innerText()).not.toBe('0');
    await expect(row(dispatcher).innerText()).resolves.toContain('暴露垃圾');
    // The row carries the case number (案卷号), the one people say on the phone.
    await expect(row(dispatcher).getByTestId('case-no').innerText()).resolves.toBe(caseNo);
  });

  it('finds the case by its number, whole or by its sequence alone, and opens it', async () => {
    const search = dispatcher.locator('[data-testid="case-search"] input');
    for (const typed of [caseNo, String(Number(caseNo.slice(5)))]) {
      await dispatcher.keyboard.press('Escape');
      await search.fill(typed);
      await search.press('Enter');
      await drawer(dispatcher).waitFor({ timeout: LIVE_MS });
      await expect(drawer(dispatcher).getByTestId('case-no').first().innerText()).resolves.toBe(caseNo);
      await search.press('Escape');
      await dispatcher.locator('[data-testid="drawer"] .drawer-close').click();
      await drawer(dispatcher).waitFor({ state: 'detached' });
    }
    await search.fill('12ab');
    await search.press('Enter');
    await expect(dispatcher.locator('.case-search-problem').innerText()).resolves.toContain('请输入案卷号');
    await search.press('Escape');
    await search.blur();
  });

  it('dispatcher registers (R) and dispatches to the suggested department (D, Enter) by keyboard', async () => {
    await row(dispatcher).click();
    await drawer(dispatcher).waitFor();
    // Only the actions the workflow allows a dispatcher on a reported case.
    await expect
      .poll(() =>
        drawer(dispatcher)
          .locator('.action-buttons [data-action]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
      )
      .toEqual(['register', 'void', 'comment']);
    await dispatcher.keyboard.press('r');
    await expectStatus(dispatcher, 'registered');
    // The shortcut acts once the drawer offers the step (the bar is busy while the last one posts).
    await drawer(dispatcher).locator('[data-action="dispatch"]:not([disabled])').waitFor();
    await dispatcher.keyboard.press('d');
    const lead = dispatcher.locator('[data-testid="lead-dept"]');
    await expect.poll(() => lead.inputValue()).toBe('hwc'); // 暴露垃圾 → 环卫, pre-selected
    await dispatcher.keyboard.press('Enter');
    await expectStatus(dispatcher, 'dispatched');
    // The drawer's timeline follows: report, register, dispatch.
    await expect
      .poll(() =>
        drawer(dispatcher)
          .locator('.timeline-entry')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
      )
      .toEqual(['report', 'register', 'dispatch']);
  });

  it('the department sees it live in 待受理 and returns it with a reason', async () => {
    await row(dept).waitFor({ timeout: LIVE_MS });
    await row(dept).click();
    await drawer(dept).locator('[data-action="return"]').click();
    await dept.locator('[data-testid="action-form"] textarea').fill('该点位属于市政道路范围，非环卫职责');
    await dept.keyboard.press('Enter');
    await expectStatus(dept, 'registered');
    await row(dept).waitFor({ state: 'detached', timeout: LIVE_MS });
  });

  it('the dispatcher sees it live in 回退 with the reason, and re-dispatches it', async () => {
    await dispatcher.keyboard.press('Escape'); // close the drawer
    await dispatcher.keyboard.press('3'); // 回退
    await expect(dispatcher.locator('[data-testid="queue-list"]').getAttribute('data-queue')).resolves.toBe('returned');
    await row(dispatcher).waitFor({ timeout: LIVE_MS });
    await expect(row(dispatcher).innerText()).resolves.toContain('回退×1');
    // j/k move the cursor; Enter opens the case under it.
    const ids = await dispatcher
      .locator('[data-testid="queue-list"] [data-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    for (let i = 0; i < ids.indexOf(caseId); i++) await dispatcher.keyboard.press('j');
    await dispatcher.keyboard.press('Enter');
    await drawer(dispatcher).waitFor();
    await expect(drawer(dispatcher).locator('.timeline').innerText()).resolves.toContain('非环卫职责');
    await drawer(dispatcher).locator('[data-action="dispatch"]:not([disabled])').waitFor();
    await dispatcher.keyboard.press('d');
    await dispatcher.keyboard.press('Enter');
    await expectStatus(dispatcher, 'dispatched');
    await row(dispatcher).waitFor({ state: 'detached', timeout: LIVE_MS });
  });

  it('the department accepts (one click) and feeds back with a resized photo', async () => {
    await row(dept).waitFor({ timeout: LIVE_MS });
    await row(dept).click();
    await drawer(dept).locator('[data-action="accept"]').click();
    await expectStatus(dept, 'in_progress');
    await drawer(dept).locator('[data-action="feedback"]:not([disabled])').waitFor();
    await dept.keyboard.press('f');
    const form = dept.locator('[data-testid="action-form"][data-action="feedback"]');
    await form.locator('textarea').fill('已清运暴露垃圾并冲洗路面');
    const input = form.locator('[data-testid="photo-input"]');
    // A file that is no image: the browser cannot resize it, so it goes as it is and the server's reason shows.
    await input.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo') });
    await expect(form.locator('[data-status="error"] [role="alert"]').innerText()).resolves.toMatch(/not an image/);
    await form.locator('[data-status="error"] .photo-item-remove').click();
    await input.setInputFiles({ name: 'cleaned.png', mimeType: 'image/png', buffer: await pngFromPage(dept, '已清理 cleaned', '#2f855a') });
    await form.locator('[data-status="done"]').waitFor({ timeout: 10_000 });
    await form.locator('[data-testid="action-confirm"]').click();
    await expectStatus(dept, 'handled');
    const thumb = drawer(dept).locator('[data-testid="photo-strip"] [data-stage="feedback"] img').first();
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await dept.screenshot({ path: artifactPath('desk-dept.png') });
  });

  it('grid staff sees it live on /check with the photo, and fails the check (rework)', async () => {
    await card(check).waitFor({ timeout: LIVE_MS });
    if (!(await card(check).locator('.check-detail').count())) await card(check).locator('.check-card-head').click();
    await card(check).locator('.check-feedback').getByText('已清运暴露垃圾').waitFor();
    const photo = card(check).locator('[data-stage="feedback"] img');
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await card(check).locator('[data-action="check_fail"]').click();
    await card(check).locator('textarea').fill('路边仍有少量垃圾，需返工');
    await card(check).locator('[data-testid="action-confirm"]').click();
    await card(check).waitFor({ state: 'detached', timeout: LIVE_MS });
  });

  it('the department sees the rework live in 处置中 and feeds back again', async () => {
    await dept.keyboard.press('Escape');
    await dept.keyboard.press('2'); // 处置中
    await row(dept).waitFor({ timeout: LIVE_MS });
    await expect(row(dept).innerText()).resolves.toContain('返工×1');
    await row(dept).click();
    await expectStatus(dept, 'in_progress');
    await drawer(dept).locator('[data-action="feedback"]:not([disabled])').waitFor();
    await dept.keyboard.press('f');
    await dept.locator('[data-testid="action-form"] textarea').fill('已全部清理干净');
    await dept.keyboard.press('Enter');
    await expectStatus(dept, 'handled');
  });

  it('grid staff passes the check; the case closes everywhere', async () => {
    await card(check).waitFor({ timeout: LIVE_MS });
    if (!(await card(check).locator('.check-detail').count())) await card(check).locator('.check-card-head').click();
    await card(check).locator('.check-feedback').getByText('已全部清理干净').waitFor();
    await check.screenshot({ path: artifactPath('desk-check.png') });
    await card(check).locator('[data-action="check_pass"]').click();
    await card(check).locator('[data-testid="action-confirm"]').click();
    await card(check).waitFor({ state: 'detached', timeout: LIVE_MS });
    await check.locator('.check-recent-check_pass').waitFor();

    // The dispatcher's open drawer follows to 已结案, with the whole timeline.
    await expectStatus(dispatcher, 'closed');
    await expect
      .poll(
        () =>
          drawer(dispatcher)
            .locator('.timeline-entry')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
        {
          timeout: LIVE_MS,
        },
      )
      .toEqual(['report', 'register', 'dispatch', 'return', 'dispatch', 'accept', 'feedback', 'check_fail', 'feedback', 'check_pass']);
    await dispatcher.screenshot({ path: artifactPath('desk-dispatch.png') });

    // The wall: closed in its state, 核查通过 for 小蕉社区第01网格 on the ticker.
    await wall.waitForFunction((id) => window.__wall!.incidentStatus(id) === 'closed', caseId, { timeout: LIVE_MS });
    expect(await wall.evaluate((id) => window.__wall!.incidentIds().includes(id), caseId)).toBe(true);
    const tick = wall.locator(`[data-testid="ticker"] [data-kind="check_pass"][data-incident="${caseId}"]`);
    await tick.waitFor({ timeout: LIVE_MS });
    const text = await tick.innerText();
    expect(text).toContain('核查通过');
    expect(text).toContain(GRID_NAME);
    await wall.screenshot({ path: artifactPath('desk-wall.png') });

    // Nobody reloaded a page on the way.
    for (const page of [dispatcher, dept, check, wall]) expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  });

  it('the history (API) has every step in order, and the feedback its photo', async () => {
    const r = await s.api('GET', `/api/incidents/${caseId}`, { cookie: await s.login('dispatcher') });
    expect(r.status).toBe(200);
    const kinds: string[] = r.body.history.map((e: any) => e.kind);
    expect(kinds).toEqual([
      'report',
      'register',
      'dispatch',
      'return',
      'dispatch',
      'accept',
      'feedback',
      'check_fail',
      'feedback',
      'check_pass',
    ]);
    const [first] = r.body.history.filter((e: any) => e.kind === 'feedback');
    const photos = first.incident.photos.filter((p: any) => p.stage === 'feedback');
    expect(photos).toHaveLength(1);
    expect(r.body.incident).toMatchObject({ status: 'closed', returnCount: 1, reworkCount: 1, leadDept: 'hwc' });
    // Resized in the browser: a JPEG (the PNG was re-encoded, its metadata gone).
    const res = await fetch(`${s.url}/api/photos/${photos[0].id}`, { headers: { cookie: await s.login('dept_hwc') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/image\/jpeg/);
  });
});

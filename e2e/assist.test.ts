import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser, pngFromPage, signInThroughForm } from './browser.ts';
import { cutTextLines } from './textFit.ts';

/** The map draws its own labels: left out of the cut-text check. */
const NOT_MAP = { ignore: ['.case-map', '.maplibregl-map'] };

/**
 * 协办 as real work, three people at 1920×1080 in their own browser contexts: the dispatcher
 * dispatches a case to 环卫 with 市政 assisting; 市政 finds it in its 协办 queue and adds a note
 * with a photo; 环卫's drawer, open all along, shows the note and the photo under 协办进度 without
 * a reload; then 市政 says its part is done and 环卫 sees it done. The desks' text is checked for
 * cuts in Chinese and in English on the way.
 */

const GRID = '35040400200801';
/** How long a live update may take to reach another page (CI machines share two cores). */
const LIVE_MS = 10_000;
const VIEWPORT = { width: 1920, height: 1080 };
const NOTE = '已关闭市政供水阀门，配合环卫冲洗路面';

let s: TestServer;
let browser: Browser;
let dispatcher: Page;
let lead: Page;
let partner: Page;
let caseId: string;

async function openAs(pathName: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error (${username}):`, err));
  await signInThroughForm(page, `${s.url}${pathName}`, username);
  return page;
}

const row = (page: Page): Locator => page.locator(`[data-testid="queue-list"] [data-id="${caseId}"]`);
const drawer = (page: Page): Locator => page.locator(`[data-testid="drawer"][data-id="${caseId}"]`);
/** 市政's part in a drawer's 协办进度. */
const part = (page: Page): Locator => drawer(page).locator('[data-testid="assist-progress"] [data-dept="szj"]');

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true });
  browser = await launchBrowser();
  [dispatcher, lead, partner] = await Promise.all([
    openAs('/dispatch', 'dispatcher'),
    openAs('/dept', 'dept_hwc'),
    openAs('/dept', 'dept_szj'),
  ]);
  await Promise.all(
    [dispatcher, lead, partner].map((p) => p.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 })),
  );
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('协办 on the department desks, live between three people', { timeout: 90_000 }, () => {
  it('the dispatcher registers a new report and dispatches it to 环卫 with 市政 assisting', async () => {
    const grid = s.ctx.ref.grids.find((g) => g.code === GRID)!;
    const [lng, lat] = interiorPoint(grid.polygon)!;
    caseId = randomUUID();
    const r = await s.api('POST', '/api/incidents', {
      cookie: await s.login('patrol_liexi'),
      body: { id: caseId, category: 'E0101', description: '路口污水外溢，垃圾堆积', lng, lat, source: 'patrol' },
    });
    expect(r.status).toBe(201);

    await row(dispatcher).click();
    await drawer(dispatcher).locator('[data-action="register"]:not([disabled])').click();
    await dispatcher.locator(`[data-testid="drawer"][data-id="${caseId}"][data-status="registered"]`).waitFor({ timeout: LIVE_MS });
    await drawer(dispatcher).locator('[data-action="dispatch"]:not([disabled])').click();
    const form = dispatcher.locator('[data-testid="action-form"][data-action="dispatch"]');
    await expect.poll(() => form.locator('[data-testid="lead-dept"]').inputValue()).toBe('hwc');
    await form.locator('.assist-depts label', { hasText: '市政工程管理处' }).locator('input').check();
    await form.locator('[data-testid="action-confirm"]').click();
    await dispatcher.locator(`[data-testid="drawer"][data-id="${caseId}"][data-status="dispatched"]`).waitFor({ timeout: LIVE_MS });
    // The dispatcher's drawer lists the assisting department, not yet started.
    await expect(part(dispatcher).getAttribute('data-done')).resolves.toBe('false');
  });

  it('the lead department opens it and sees 市政 under 协办进度 with no notes yet', async () => {
    await row(lead).waitFor({ timeout: LIVE_MS });
    await row(lead).click();
    await part(lead).waitFor();
    await expect(part(lead).innerText()).resolves.toContain('暂无协办记录');
    await expect(part(lead).getByTestId('assist-state').innerText()).resolves.toBe('协办中');
    // The lead takes the lead's steps; the assist steps are not its buttons.
    const actions = await drawer(lead)
      .locator('.action-buttons [data-action]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['accept', 'return', 'request_extension']);
  });

  it('市政 finds it in its 协办 queue, with only its two steps, and adds a note with a photo', async () => {
    await partner.locator('.queue-tab[data-queue="assisting"]').click();
    await row(partner).waitFor({ timeout: LIVE_MS });
    await expect(row(partner).getByTestId('assist-flag').innerText()).resolves.toBe('本单位协办中');
    await row(partner).click();
    await drawer(partner).waitFor();
    await expect
      .poll(() =>
        drawer(partner)
          .locator('.action-buttons [data-action]')
          .evaluateAll((els) => els.map((e) => e.textContent?.replace(/[A-Z]$/, ''))),
      )
      .toEqual(['协办记录', '本单位协办完成']);
    await drawer(partner).locator('[data-action="assist_note"]').click();
    const form = partner.locator('[data-testid="action-form"][data-action="assist_note"]');
    await expect(form.locator('label.form-field > span').first().innerText()).resolves.toBe('协办情况');
    await form.locator('textarea').fill(NOTE);
    await form
      .locator('[data-testid="photo-input"]')
      .setInputFiles({ name: 'valve.png', mimeType: 'image/png', buffer: await pngFromPage(partner, '阀门已关 valve shut', '#1d4ed8') });
    await form.locator('[data-status="done"]').waitFor({ timeout: 10_000 });
    await form.locator('[data-testid="action-confirm"]').click();
    await partner.getByTestId('action-done').waitFor({ timeout: LIVE_MS });
    await part(partner).locator('.assist-note-text', { hasText: NOTE }).waitFor({ timeout: LIVE_MS });
  });

  it('the lead’s open drawer shows the note and the photo without a reload', async () => {
    const note = part(lead).locator('.assist-note[data-kind="assist_note"]');
    await note.locator('.assist-note-text', { hasText: NOTE }).waitFor({ timeout: LIVE_MS });
    await expect(note.locator('.timeline-who').innerText()).resolves.not.toBe('');
    const photo = note.locator('[data-testid="photo-strip"] [data-stage="assist"] img');
    await photo.waitFor({ timeout: LIVE_MS });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(part(lead).getAttribute('data-done')).resolves.toBe('false');
    // The timeline names the assisting department on its entry.
    await expect(drawer(lead).locator('.timeline-entry[data-kind="assist_note"]').innerText()).resolves.toContain('市政工程管理处');
    expect(await lead.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
  });

  it('市政 marks its part done; the lead sees 已完成, and 市政’s row says so', async () => {
    await drawer(partner).locator('[data-action="assist_done"]:not([disabled])').click();
    await partner.locator('[data-testid="action-form"][data-action="assist_done"] [data-testid="action-confirm"]').click();
    await part(lead).and(lead.locator('[data-done="true"]')).waitFor({ timeout: LIVE_MS });
    await expect(part(lead).getByTestId('assist-state').innerText()).resolves.toMatch(/^✓ 已完成 \d{2}-\d{2} \d{2}:\d{2}$/);
    // Done once: the step is gone from 市政's bar, and its 协办 row says its part is done.
    await expect.poll(() => drawer(partner).locator('[data-action="assist_done"]').count(), { timeout: LIVE_MS }).toBe(0);
    await expect(row(partner).getByTestId('assist-flag').innerText()).resolves.toBe('✓ 本单位已完成');
    await lead.screenshot({ path: artifactPath('assist-lead.png') });
    await partner.screenshot({ path: artifactPath('assist-partner.png') });
    for (const page of [dispatcher, lead, partner])
      expect(await page.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
  });

  it('no text is cut on the three desks at 1920×1080, in Chinese and in English', async () => {
    for (const [page, what] of [
      [dispatcher, '/dispatch'],
      [lead, '/dept (lead)'],
      [partner, '/dept (assisting)'],
    ] as const) {
      expect(await cutTextLines(page, NOT_MAP), `${what} zh-CN`).toEqual([]);
      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await page.locator('html[lang="en"]').waitFor();
      await expect(part(page).getByTestId('assist-state').innerText()).resolves.toMatch(/^✓ Done /);
      expect(await cutTextLines(page, NOT_MAP), `${what} en`).toEqual([]);
    }
    await lead.screenshot({ path: artifactPath('assist-lead-en.png') });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { namedPreset } from '@streetchief/shared/calendar/presets';
import { worstUnits } from '@streetchief/shared/indicators/agenda';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser, signInThroughForm } from './browser.ts';

// The wall's read-only debug hooks (window.__wall), typed by the client.
import type {} from '../client/src/wall/debug.ts';

/**
 * The joint meeting (/meeting) on a projector-sized Chromium, with a wall open beside it: the
 * agenda lists the seeded overdue cases, a decision re-dispatches one of them with a new deadline,
 * the API and the wall (live, no reload) reflect it, and the print stylesheet leaves only the minutes.
 *
 * The cases the test acts on are its own, made through the API, never picked from the day's demo
 * data: the decided case was reported and dispatched on a server clock set 45 days back (before any
 * demo case), so it is the most overdue case on every day the test runs and heads the wall's list.
 */

/** How long a live update may take to reach another page (CI machines share cores with software WebGL). */
const LIVE_MS = 10_000;
const NOTE = '联席例会议定：改派责任部门，限期三日内办结';
const CHIEF = '王建国';

let s: TestServer;
let browser: Browser;
let supervisor: string;
let meeting: Page;
let wall: Page;
let target: { id: string; leadDept: string; status: string };
let newDept: string;
/** The decided case's number, as the exports write it. */
let targetCaseNo: string;
/** The server's clock runs this far from the real one (moved back while the old case is made). */
let clockOffsetMs = 0;

const DAY_MS = 86_400_000;
const GRID = '35040400200801';

/** Report a case in 小蕉社区第01网格 as a patrol, register and dispatch it; accept it when asked. */
async function makeCase(accept: boolean): Promise<{ id: string; version: number }> {
  const [patrol, dispatcher, handler] = [await s.login('patrol_liexi'), await s.login('dispatcher'), await s.login('dept_hwc')];
  const [lng, lat] = interiorPoint(s.ctx.ref.grids.find((g) => g.code === GRID)!.polygon)!;
  const id = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: patrol,
    body: { id, category: 'E0101', description: '暴露垃圾（例会测试）', lng, lat, source: 'patrol' },
  });
  expect(r.status).toBe(201);
  let version = r.body.incident.version as number;
  const steps: [string, Record<string, unknown>][] = [
    [dispatcher, { type: 'register' }],
    [dispatcher, { type: 'dispatch', leadDept: 'hwc' }],
  ];
  if (accept) steps.push([handler, { type: 'accept' }]);
  for (const [cookie, body] of steps) {
    const res = await s.api('POST', `/api/incidents/${id}/actions`, { cookie, body: { ...body, expectedVersion: version } });
    expect(res.status, `${String(body.type)} while preparing the case`).toBe(200);
    version = res.body.incident.version;
  }
  return { id, version };
}

async function openAs(pathName: string, username: string, viewport: { width: number; height: number }): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error (${username}):`, err));
  await signInThroughForm(page, `${s.url}${pathName}`, username);
  return page;
}

/** Ids of the agenda items carrying a reason, as the meeting page shows them. */
function agendaIds(page: Page, reason: string): Promise<string[]> {
  return page.$$eval(`[data-testid="agenda"] [data-reasons~="${reason}"]`, (els) =>
    els.map((e) => (e as HTMLElement).dataset.caseId!).sort(),
  );
}

/** Clicks an export in the meeting's 导出 menu and returns the file's name and text. */
async function exportFile(page: Page, key: string, format: 'csv' | 'xlsx'): Promise<{ name: string; text: string; bytes: Buffer }> {
  const menu = page.locator('[data-testid="export-menu"]');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.locator(`[data-export="${key}"] [data-format="${format}"]`).click(),
  ]);
  const file = artifactPath(`meeting-export-${key}.${format}`);
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** The district's 按期结案率 the page shows (the figure's own number, as the engine gave it). */
const shownOnTime = (page: Page) => page.locator('[data-testid="district-figures"]').getAttribute('data-on-time');

/** `YYYY-MM-DDTHH:mm` in Shanghai time, `days` from now at 17:30 (what the deadline field takes). */
function shanghaiInput(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  return `${d}T17:30`;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true, now: () => new Date(Date.now() + clockOffsetMs) });
  clockOffsetMs = -45 * DAY_MS;
  const old = await makeCase(true);
  clockOffsetMs = 0;
  target = { id: old.id, leadDept: 'hwc', status: 'in_progress' };
  supervisor = await s.login('supervisor');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('joint meeting in Chromium', () => {
  it('builds the agenda from the overdue cases, with the worst departments and grids', async () => {
    const overdue = (await s.api('GET', '/api/incidents?overdue=true&limit=500', { cookie: supervisor })).body.items as any[];
    expect(overdue.map((c) => c.id)).toContain(target.id);
    [wall, meeting] = await Promise.all([
      openAs('/wall', 'wall', { width: 1920, height: 1080 }),
      openAs('/meeting', 'supervisor', { width: 1920, height: 1080 }),
    ]);
    await meeting.locator('[data-testid="agenda"] [data-case-id]').first().waitFor({ timeout: LIVE_MS });
    await expect.poll(() => agendaIds(meeting, 'overdue'), { timeout: LIVE_MS }).toEqual(overdue.map((c) => c.id).sort());
    expect(await meeting.locator('[data-testid="worst-departments"] tbody tr').count()).toBeGreaterThan(0);
    expect(await meeting.locator('[data-testid="worst-grids"] tbody tr').count()).toBeGreaterThan(0);
    // The group headers say how many.
    expect(await meeting.locator('[data-reason="overdue"] .mt-group-count').innerText()).toContain(String(overdue.length));

    const departments = (await s.api('GET', '/api/categories')).body.departments as { code: string }[];
    newDept = departments.find((d) => d.code !== target.leadDept)!.code;
    await wall.waitForFunction(
      (id) => window.__wall?.incidentStatus(id) !== null && window.__wall?.incidentStatus(id) !== undefined,
      target.id,
      {
        timeout: 20_000,
      },
    );
    expect(await wall.evaluate((id) => window.__wall!.incidentStatus(id), target.id)).toBe(target.status);
    await wall.locator(`[data-testid="overdue-list"] [data-id="${target.id}"]`).waitFor({ timeout: LIVE_MS });
  });

  it('names its period (本月 by default) and shows the same district figures as /public for it', async () => {
    const month = () => namedPreset('this_month', new Date());
    await expect
      .poll(async () => (await meeting.locator('[data-testid="period-shown"]').innerText()) === month().label['zh-CN'], {
        timeout: LIVE_MS,
      })
      .toBe(true);
    expect(await meeting.getByRole('button', { name: '本月' }).getAttribute('aria-pressed')).toBe('true');
    const publicTotal = async (p: { from: string; to: string }) =>
      (await s.api('GET', `/api/public/stats?from=${p.from}&to=${p.to}&by=department`)).body.total;
    const pub = await publicTotal(month());
    await expect.poll(() => shownOnTime(meeting), { timeout: LIVE_MS }).toBe(String(pub.onTimeClosureRate ?? ''));
    const line = await meeting.locator('[data-testid="district-figures"]').innerText();
    const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
    expect(line).toContain(`结案率 ${pct(pub.closureRate)}`);
    expect(line).toContain(`按期结案率 ${pct(pub.onTimeClosureRate)}`);

    // Another preset: the agenda is asked for its days, and the figures follow.
    const last30 = namedPreset('last_30_days', new Date());
    const asked = meeting.waitForRequest((req) => req.url().includes('/api/meeting/agenda?'));
    await meeting.getByRole('button', { name: '近30天' }).click();
    const q = new URL((await asked).url()).searchParams;
    expect([q.get('from'), q.get('to')]).toEqual([last30.from, last30.to]);
    // The period is named once its agenda has answered (the request may still be on its way).
    await expect.poll(() => meeting.locator('[data-testid="period-shown"]').innerText(), { timeout: LIVE_MS }).toBe(last30.label['zh-CN']);
    await expect.poll(() => shownOnTime(meeting), { timeout: LIVE_MS }).toBe(String((await publicTotal(last30)).onTimeClosureRate ?? ''));
    expect(new URL(meeting.url()).searchParams.get('period')).toBe('last_30_days');

    // By case class: the lowest on-time closure rates of the period, by the agenda's own rule.
    await meeting.locator('[data-testid="worst-grouping"]').getByRole('button', { name: '案件小类' }).click();
    const byClass = (await s.api('GET', `/api/stats?from=${last30.from}&to=${last30.to}&by=category`, { cookie: supervisor })).body;
    const expected = worstUnits(byClass.rows as any[], 5, 'onTimeClosureRate').map((r) => r.label);
    await expect
      .poll(() => meeting.$$eval('[data-testid="worst-categories"] tbody th', (ths) => ths.map((th) => th.textContent)), {
        timeout: LIVE_MS,
      })
      .toEqual(expected);

    await meeting.locator('[data-testid="worst-grouping"]').getByRole('button', { name: '网格' }).click();
    await meeting.getByRole('button', { name: '本月' }).click();
    await expect.poll(() => shownOnTime(meeting), { timeout: LIVE_MS }).toBe(String(pub.onTimeClosureRate ?? ''));
    await meeting.locator('[data-testid="worst-grids"]').waitFor();
  });

  it('opens an item with its history and map, and records a re-dispatch with a new deadline', async () => {
    await meeting.locator(`[data-testid="agenda"] [data-case-id="${target.id}"]`).click();
    const panel = meeting.locator(`[data-testid="case-panel"][data-case-id="${target.id}"]`);
    await panel.waitFor();
    await panel.locator('[data-testid="meeting-timeline"] li').first().waitFor({ timeout: LIVE_MS });
    await panel.locator('[data-testid="case-map"]').waitFor({ timeout: LIVE_MS });

    const deadline = shanghaiInput(3);
    const form = panel.locator('[data-testid="decision-form"]');
    await form.locator('select[name="leadDept"]').selectOption(newDept);
    await form.locator('input[name="deadline"]').fill(deadline);
    await form.locator('input[name="responsibleChief"]').fill(CHIEF);
    await form.locator('textarea[name="reason"]').fill(NOTE);
    await form.locator('[data-testid="decision-submit"]').click();
    await form.locator('[data-testid="decision-done"]').waitFor({ timeout: LIVE_MS });

    // The server has it: dispatched anew to the chosen department, with the meeting's deadline.
    const after = (await s.api('GET', `/api/incidents/${target.id}`, { cookie: supervisor })).body;
    expect(after.incident.status).toBe('dispatched');
    expect(after.incident.leadDept).toBe(newDept);
    expect(Date.parse(after.incident.deadline)).toBe(Date.parse(`${deadline}:00+08:00`));
    expect(after.incident.responsibleChief).toBe(CHIEF);
    targetCaseNo = after.incident.caseNo;
    expect(after.history.at(-1)).toMatchObject({ kind: 'decide', reason: NOTE });

    // The page shows the updated case, and the decision in the minutes.
    await panel.locator('[data-testid="case-status"]', { hasText: '待受理' }).waitFor({ timeout: LIVE_MS });
    await panel.locator('[data-testid="meeting-timeline"] li[data-kind="decide"]').waitFor({ timeout: LIVE_MS });
    const minute = meeting.locator(`[data-testid="minutes"] [data-case-id="${target.id}"]`);
    await minute.waitFor({ timeout: LIVE_MS });
    expect(await minute.innerText()).toContain(NOTE);
    // A new deadline does not undo the lateness: the case went late, so it stays on the overdue part
    // of the agenda (and is counted late in 按期结案率) until it is handed in.
    expect(after.incident.lateAt).toBeTruthy();
    expect(Date.parse(after.incident.lateAt)).toBeLessThan(Date.now());
    await expect.poll(() => agendaIds(meeting, 'overdue'), { timeout: LIVE_MS }).toContain(target.id);
  });

  it('exports the period’s figures and decisions and the agenda’s cases from the 导出 menu', async () => {
    const { from, to } = namedPreset('this_month', new Date());
    const decisions = await exportFile(meeting, 'decisions', 'csv');
    expect(decisions.text).toContain('议定事项');
    expect(decisions.text).toContain(NOTE);
    expect(decisions.name).toContain(from);
    const stats = await exportFile(meeting, 'stats-department', 'csv');
    expect(stats.text.split('\r\n')[0]).toContain('按期结案率(%)');
    expect(stats.name).toContain(`${from}_${to}`);
    const statsXlsx = await exportFile(meeting, 'stats-grid', 'xlsx');
    expect(statsXlsx.name).toMatch(/\.xlsx$/);
    expect(statsXlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(targetCaseNo).toBeTruthy();
    const overdue = await exportFile(meeting, 'overdue', 'csv');
    expect(overdue.text).toContain(targetCaseNo);
    const agendaList = await exportFile(meeting, 'agenda', 'csv');
    const line = agendaList.text.split('\r\n').find((l) => l.includes(targetCaseNo));
    expect(line).toContain('超期');
    // The grid is named with its community once.
    expect(line).toContain('小蕉社区第01网格');
    expect(line).not.toContain('小蕉社区小蕉社区');
    await meeting.locator('[data-testid="export-menu"] summary').click();
  });

  it('the wall open elsewhere reflects the decision live', async () => {
    await wall.waitForFunction((id) => window.__wall!.incidentStatus(id) === 'dispatched', target.id, { timeout: LIVE_MS });
    // Re-dated by the meeting, it went late all the same: it stays on the wall's overdue list.
    await wall.locator(`[data-testid="overdue-list"] [data-id="${target.id}"]`).waitFor({ timeout: LIVE_MS });
    expect(await wall.evaluate(() => (window as any).__noReload)).toBe(true);
    // The bottom strip is there too, and the wall still has no scrollbars.
    await wall.locator('[data-testid="ranking-carousel"] .rank-row').first().waitFor({ timeout: LIVE_MS });
    // The month's rates from the indicator engine (the trend chart gave way to the map in the redesign).
    await wall.locator('[data-testid="kpi-on-time-rate"] .kpi-number', { hasText: /\d/ }).waitFor({ timeout: LIVE_MS });
    // The carousel moves on by itself (one slide every 10 s).
    const slide = await wall.locator('[data-testid="ranking-carousel"]').getAttribute('data-slide');
    await wall.waitForFunction(
      (before) => document.querySelector('[data-testid="ranking-carousel"]')?.getAttribute('data-slide') !== before,
      slide,
      { timeout: 15_000 },
    );
    expect(await wall.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await wall.screenshot({ path: artifactPath('meeting-wall.png') });
  }, 45_000);

  it('puts a case escalated elsewhere on the agenda without a reload', async () => {
    // A case dispatched just now: its clock runs and nothing puts it on the agenda yet.
    const quiet = await makeCase(false);
    expect(await meeting.locator(`[data-testid="agenda"] [data-case-id="${quiet.id}"]`).count()).toBe(0);
    const r = await s.api('POST', `/api/incidents/${quiet.id}/actions`, {
      cookie: supervisor,
      body: { type: 'escalate', expectedVersion: quiet.version, reason: '群众反映强烈，提请督办' },
    });
    expect(r.status).toBe(200);
    await meeting.locator(`[data-testid="agenda"] [data-case-id="${quiet.id}"][data-reasons~="escalated"]`).waitFor({ timeout: LIVE_MS });
    expect(await meeting.evaluate(() => (window as any).__noReload)).toBe(true);
  });

  it('prints the minutes only: no map, no buttons, a title with the date and the attendees', async () => {
    await meeting.locator('.mt-attendees input').fill('张伟、李娜（城市管理局）');
    // Back to the decided case for the screenshot.
    await meeting.locator(`[data-testid="minutes"] [data-case-id="${target.id}"] button`).click();
    await meeting.locator(`[data-testid="case-panel"][data-case-id="${target.id}"] [data-testid="case-map"]`).waitFor();
    await meeting.waitForTimeout(500);
    await meeting.screenshot({ path: artifactPath('meeting.png') });

    await meeting.emulateMedia({ media: 'print' });
    try {
      expect(await meeting.locator('[data-testid="case-map"]').isVisible()).toBe(false);
      expect(await meeting.locator('button:visible, a.mt-button:visible, select:visible, textarea:visible').count()).toBe(0);
      const doc = meeting.locator('[data-testid="minutes-print"]');
      expect(await doc.isVisible()).toBe(true);
      const text = await doc.innerText();
      expect(text).toContain('联席例会纪要');
      expect(text).toMatch(/会议时间：\d{4}年\d{1,2}月\d{1,2}日/);
      expect(await meeting.locator('[data-testid="print-attendees"]').innerText()).toContain('张伟、李娜（城市管理局）');
      expect(text).toContain(NOTE);
      expect(text).toContain(CHIEF);
      // The decided case's place, its community named once (the grid's name holds it already).
      expect(text).toContain('小蕉社区第01网格');
      expect(text).not.toContain('小蕉社区小蕉社区');
      // The period the figures are for, by name and by its days.
      const month = namedPreset('this_month', new Date());
      expect(text).toContain(`${month.from} 至 ${month.to}`);
      await meeting.screenshot({ path: artifactPath('meeting-print.png'), fullPage: true });
      await meeting.pdf({ path: artifactPath('meeting-minutes.pdf'), format: 'A4' });
    } finally {
      await meeting.emulateMedia({ media: 'screen' });
    }
  });

  it('fits a 1280×720 projector without page scrollbars', async () => {
    await meeting.setViewportSize({ width: 1280, height: 720 });
    await meeting.waitForTimeout(300);
    const fits = await meeting.evaluate(
      () => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth,
    );
    expect(fits).toBe(true);
    await meeting.screenshot({ path: artifactPath('meeting-720.png') });
  });
});

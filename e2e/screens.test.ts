import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { ARTIFACTS, launchBrowser, signInThroughForm } from './browser.ts';
import { cutTextOn, describeCut, type CutText } from './textFit.ts';

// The wall's read-only debug hooks (window.__wall), typed by the client.
import type {} from '../client/src/wall/debug.ts';

/**
 * Every screen at 1920×1080, 3840×2160 and 390×844, in Chinese and in English: a screenshot of
 * each (artifacts/screens/<screen>-<w>x<h>-<lang>.png) and no text in it cut: no ellipsis, no
 * line clipped by its box, no English word or number broken across lines (see textFit.ts). All
 * that was found, per picture, is also written to artifacts/screens/cut-text.json.
 *
 * The demo district is generated for a fixed moment, so every run shows the same cases; the
 * browsers' clocks start at that moment too. One browser; one context per account and device,
 * each page loaded once per language and resized for each size.
 */

/** Wednesday 11 March 2026, 10:00 in Shanghai: a working morning (the test adds the cases it needs, see CASES). */
const NOW = Date.parse('2026-03-11T10:00:00+08:00');
const SIZES = [
  { w: 1920, h: 1080 },
  { w: 3840, h: 2160 },
  { w: 390, h: 844 },
] as const;
const LANGS = ['zh-CN', 'en'] as const;
type Lang = (typeof LANGS)[number];
type Device = 'desk' | 'phone';
const SHOTS = path.join(ARTIFACTS, 'screens');
const LOAD_MS = 45_000;

interface Screen {
  name: string;
  path: string;
  /** The demo account, or null for a visitor. */
  user: string | null;
  /** The phone app: at 390×844 it runs in an emulated phone (touch, 3× pixels). */
  phone?: boolean;
  /** Resolves once the screen shows its data. */
  ready: (page: Page) => Promise<void>;
  /** Brings the screen into the state to check, after `ready` (opens a case, a tab). */
  open?: (page: Page) => Promise<void>;
}

const visible = (page: Page, selector: string) => page.locator(selector).first().waitFor({ timeout: LOAD_MS });
const all = async (page: Page, selectors: string[]) => {
  for (const s of selectors) await visible(page, s);
};
const connected = '[data-testid="connection"][data-status="live"]';

const SCREENS: Screen[] = [
  { name: 'home', path: '/', user: null, ready: (p) => visible(p, '.home-links li') },
  { name: 'signin', path: '/dispatch', user: null, ready: (p) => visible(p, 'form.signin') },
  { name: 'signin-field', path: '/field', user: null, phone: true, ready: (p) => visible(p, 'form.signin') },
  {
    name: 'wall',
    path: '/wall',
    user: 'wall',
    ready: async (p) => {
      await p.waitForFunction(() => window.__wall?.mapLoaded === true && window.__wall.gridFeatureCount === 165, null, {
        timeout: LOAD_MS,
      });
      await all(p, [
        connected,
        '[data-testid="ticker"] [data-seq]',
        '[data-testid="overdue-list"] [data-id]',
        '[data-testid="ranking-carousel"] li',
      ]);
    },
  },
  {
    name: 'dispatch',
    path: '/dispatch',
    user: 'dispatcher',
    ready: (p) => all(p, [connected, '[data-testid="queue-list"] [data-id]']),
  },
  {
    name: 'dispatch-filing',
    path: '/dispatch',
    user: 'dispatcher',
    ready: (p) => all(p, [connected, '[data-testid="queue-list"] [data-id]']),
    open: async (p) => {
      await p.locator('[data-view="filing"]').first().click();
      await visible(p, '[data-testid="filing-totals"]');
    },
  },
  {
    name: 'dispatch-case',
    path: '/dispatch',
    user: 'dispatcher',
    ready: (p) => all(p, [connected, '[data-testid="queue-list"] [data-id]']),
    open: async (p) => {
      await p.locator('[data-testid="queue-list"] [data-id]').first().click();
      await all(p, ['[data-testid="drawer"]', '[data-testid="timeline"] li']);
    },
  },
  { name: 'dept', path: '/dept', user: 'dept_cgj', ready: (p) => all(p, [connected, '[data-testid="queue-list"] [data-id]']) },
  {
    name: 'check',
    path: '/check',
    user: 'grid_dongan',
    phone: true,
    ready: (p) => visible(p, '[data-testid="check-list"] > li:not(.check-empty)'),
  },
  ...(['report', 'patrol', 'check', 'daily'] as const).map((tab): Screen => ({
    name: `field-${tab}`,
    path: `/field#${tab}`,
    user: 'patrol_liexi',
    phone: true,
    ready: (p) => visible(p, '[data-testid="field-app"]'),
    open: (p) =>
      visible(
        p,
        {
          report: '[data-testid="report-form"]',
          patrol: '[data-testid="patrol-panel"]',
          check: '[data-testid="check-case"]',
          daily: '[data-testid="daily-form"]',
        }[tab],
      ),
  })),
  {
    name: 'meeting',
    path: '/meeting',
    user: 'supervisor',
    // The page opens the agenda's first case beside the agenda.
    ready: (p) =>
      all(p, [connected, '[data-testid="agenda"] [data-case-id]', '[data-testid="case-panel"] [data-testid="meeting-timeline"] li']),
  },
  {
    name: 'public',
    path: '/public',
    user: null,
    ready: (p) =>
      all(p, [
        '[data-testid="dept-ranking"] tbody tr',
        '[data-testid="trend-chart"] canvas',
        '[data-testid="grid-map"][data-loaded="true"], [data-testid="map-fallback"]',
      ]),
  },
  { name: 'admin', path: '/admin', user: 'admin', ready: (p) => visible(p, '[data-testid="users"] tr[data-username]') },
];

let s: TestServer;
let browser: Browser;
/** Per account and device: the context, its one page, and what that page shows now. */
interface Tab {
  context: BrowserContext;
  page: Page;
  signedIn: boolean;
  showing: { screen: string; address: string } | null;
}
const tabs = new Map<string, Tab>();
const found: Record<string, CutText[]> = {};

/**
 * The screens' own cases on top of the generated history (which at this moment has nothing
 * waiting to be registered, accepted or checked in these accounts' grids): reported by the
 * account that works the grid, then walked as far as `to`.
 */
const CASES: { by: string; grid: string; description: string; to: 'reported' | 'dispatched' | 'handled'; dept?: string }[] = [
  { by: 'patrol_liexi', grid: '35040400200801', description: '小蕉路口垃圾桶旁有暴露垃圾，已堆放两天', to: 'reported' },
  { by: 'grid_dongan', grid: '35040400100101', description: '东安新村3号楼前绿化带内堆放建筑垃圾', to: 'dispatched', dept: 'cgj' },
  { by: 'grid_dongan', grid: '35040400100101', description: '东安路与列东街交叉口人行道上有暴露垃圾', to: 'handled', dept: 'cgj' },
  { by: 'grid_dongan', grid: '35040400100102', description: '东安菜市场北门垃圾桶满溢', to: 'handled', dept: 'hwc' },
  { by: 'patrol_liexi', grid: '35040400200802', description: '小蕉社区健身广场旁有暴露垃圾', to: 'handled', dept: 'hwc' },
];

async function makeCases(): Promise<void> {
  const dispatcher = await s.login('dispatcher');
  for (const c of CASES) {
    const [lng, lat] = interiorPoint(s.ctx.ref.grids.find((g) => g.code === c.grid)!.polygon)!;
    const r = await s.api('POST', '/api/incidents', {
      cookie: await s.login(c.by),
      body: {
        id: randomUUID(),
        category: 'E0101',
        description: c.description,
        lng,
        lat,
        source: c.by.startsWith('grid') ? 'grid_staff' : 'patrol',
      },
    });
    expect(r.status, r.body?.reason).toBe(201);
    const id = r.body.incident.id as string;
    let version = r.body.incident.version as number;
    const steps: [string, Record<string, unknown>][] = [];
    if (c.to !== 'reported') steps.push([dispatcher, { type: 'register' }], [dispatcher, { type: 'dispatch', leadDept: c.dept }]);
    if (c.to === 'handled') {
      const handler = await s.login(`dept_${c.dept}`);
      steps.push([handler, { type: 'accept' }], [handler, { type: 'feedback', note: '已清运，现场恢复整洁' }]);
    }
    for (const [cookie, body] of steps) {
      const res = await s.api('POST', `/api/incidents/${id}/actions`, { cookie, body: { ...body, expectedVersion: version } });
      expect(res.status, `${String(body.type)}: ${res.body?.reason}`).toBe(200);
      version = res.body.incident.version;
    }
  }
}

/** A point inside the first grid of `username` (where the phone says it is). */
async function homeOf(username: string): Promise<{ longitude: number; latitude: number; accuracy: number }> {
  const me = await s.api('GET', '/api/session', { cookie: await s.login(username) });
  const grid = s.ctx.ref.grids.find((g) => g.code === me.body.user.gridCodes[0])!;
  const [longitude, latitude] = interiorPoint(grid.polygon)!;
  return { longitude, latitude, accuracy: 8 };
}

async function tabFor(screen: Screen, device: Device): Promise<Tab> {
  const key = `${screen.user ?? 'visitor'}:${device}`;
  let tab = tabs.get(key);
  if (!tab) {
    const geolocation = screen.phone && screen.user ? await homeOf(screen.user) : undefined;
    const context = await browser.newContext({
      viewport: { width: SIZES[0].w, height: SIZES[0].h },
      deviceScaleFactor: device === 'phone' ? 3 : 1,
      isMobile: device === 'phone',
      hasTouch: device === 'phone',
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
      ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
    });
    await context.clock.install({ time: NOW });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error (${key}):`, err));
    tab = { context, page, signedIn: screen.user === null, showing: null };
    tabs.set(key, tab);
  }
  return tab;
}

/** Why a screen did not come up, so its other sizes fail at once instead of waiting again. */
const failedToLoad = new Map<string, unknown>();

/**
 * The screen in `lang` on the right page at `size`, showing its data (loaded, at that size, only
 * when the page shows something else).
 */
async function show(screen: Screen, lang: Lang, device: Device, size: { w: number; h: number }): Promise<Page> {
  const key = `${screen.name}|${lang}|${device}`;
  if (failedToLoad.has(key)) throw failedToLoad.get(key);
  const tab = await tabFor(screen, device);
  await tab.page.setViewportSize({ width: size.w, height: size.h });
  try {
    await load(tab, screen, lang);
  } catch (err) {
    // What the screen showed instead: the reason is usually on it.
    await tab.page.screenshot({ path: path.join(SHOTS, `${screen.name}-${size.w}x${size.h}-${lang}-did-not-load.png`) }).catch(() => {});
    failedToLoad.set(key, err);
    tab.showing = null;
    throw err;
  }
  expect(await tab.page.evaluate(() => document.documentElement.lang)).toBe(lang);
  return tab.page;
}

async function load(tab: Tab, screen: Screen, lang: Lang): Promise<void> {
  const [base, hash] = screen.path.split('#');
  const address = `${s.url}${base}?lang=${lang}`;
  if (tab.showing?.screen === screen.name && tab.showing.address === address) return;
  if (!tab.signedIn) {
    await signInThroughForm(tab.page, address + (hash ? `#${hash}` : ''), screen.user!);
    tab.signedIn = true;
  } else if (tab.showing?.address === address && hash) {
    // The same page, another of its tabs: the app follows the address's hash.
    await tab.page.evaluate((h) => (window.location.hash = h), hash);
  } else await tab.page.goto(address + (hash ? `#${hash}` : ''));
  await screen.ready(tab.page);
  await screen.open?.(tab.page);
  tab.showing = { screen: screen.name, address };
}

/**
 * Stops the page's clock a moment ahead of where it is (it runs on while Playwright asks, so the
 * moment must be far enough ahead on a busy page, but a jump fires the timers due before it).
 */
async function pauseClock(page: Page): Promise<void> {
  for (const ahead of [250, 1000, 3000]) {
    try {
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + ahead);
      return;
    } catch (err) {
      if (!/to the past/.test(String(err))) throw err;
    }
  }
  throw new Error('could not pause the page clock');
}

/**
 * The screenshot and the cut text, with the page's clock standing still: no animation frame (the
 * map's pulsing halos) keeps software WebGL redrawing 4K while Chromium captures. The whole page
 * where it scrolls; a screen that fits (the wall) as it is, without the resize a full-page
 * capture makes (which would cost the map another redraw).
 */
async function stillPicture(page: Page, file: string): Promise<CutText[]> {
  const scrolls = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
  try {
    await pauseClock(page);
    await page.screenshot({ path: file, fullPage: scrolls });
    return await cutTextOn(page);
  } finally {
    await page.clock.resume();
  }
}

/** Waits for fonts and for the layout to stop moving (the same size and text two frames apart). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const shape = () => {
      const d = document.documentElement;
      return `${d.scrollWidth}x${d.scrollHeight}:${document.body.querySelectorAll('*').length}:${document.body.innerText.length}`;
    };
    let last = '';
    for (let i = 0; i < 30; i++) {
      await frame();
      await new Promise((r) => setTimeout(r, 80));
      const now = shape();
      if (now === last) return;
      last = now;
    }
  });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const started = Date.now();
  s = await startTestServer({ serveClient: true, now: () => new Date(NOW + (Date.now() - started)) });
  await makeCases();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  fs.writeFileSync(path.join(SHOTS, 'cut-text.json'), JSON.stringify(found, null, 2));
  await browser?.close();
  await s?.stop();
});

describe('every screen at every size, in both languages, with no text cut', () => {
  // Language outermost: the tabs of one page (the phone app's) follow each other without a reload.
  for (const lang of LANGS)
    for (const screen of SCREENS)
      for (const { w, h } of SIZES) {
        const shot = `${screen.name}-${w}x${h}-${lang}`;
        it(shot, { timeout: 90_000 }, async () => {
          const device: Device = screen.phone && w < 600 ? 'phone' : 'desk';
          const page = await show(screen, lang, device, { w, h });
          await settle(page);
          const cut = await stillPicture(page, path.join(SHOTS, `${shot}.png`));
          found[shot] = cut;
          expect(cut.map(describeCut), `text cut on ${screen.path} at ${w}×${h} in ${lang}`).toEqual([]);
        });
      }
});

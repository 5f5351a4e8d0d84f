import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser } from './browser.ts';
import { cutTextOn, describeCut } from './textFit.ts';

// The read-only debug hooks of the field app (window.__field) and the wall (window.__wall).
import type {} from '../client/src/field/debug.ts';
import type {} from '../client/src/wall/debug.ts';

const XIAOJIAO = ['35040400200801', '35040400200802', '35040400200803', '35040400200804'];
const RUN = Date.now().toString(36);

let s: TestServer;
let browser: Browser;
let phone: BrowserContext;
let page: Page;

/** A PNG of `w`×`h` with a colour gradient (a camera picture larger than the phone may send). */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = (x * 255) / w;
      raw[o + 1] = (y * 255) / h;
      raw[o + 2] = 128;
    }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(b: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return null;
}

const centre = (code: string) => interiorPoint(s.ctx.ref.grids.find((g) => g.code === code)!.polygon)!;

/** Moves the emulated phone; a second fix 5 m further confirms a move faster than walking pace. */
async function moveTo([lng, lat]: [number, number]) {
  await phone.setGeolocation({ longitude: lng, latitude: lat, accuracy: 8 });
  await page.waitForTimeout(1200);
  await phone.setGeolocation({ longitude: lng, latitude: lat + 5 / 111_195, accuracy: 8 });
  await page.waitForTimeout(1200);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  s = await startTestServer({ serveClient: true });
  browser = await launchBrowser();
  const [lng, lat] = centre(XIAOJIAO[0]!);
  phone = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: { longitude: lng, latitude: lat, accuracy: 8 },
    permissions: ['geolocation'],
  });
  page = await phone.newPage();
  page.on('pageerror', (err) => console.error('field page error:', err));
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function fileReport(className: string, description: string, photo: Buffer, opts: { expectDuplicate?: boolean } = {}) {
  await page.getByTestId('tab-report').click();
  const form = page.getByTestId('report-form');
  await form.waitFor();
  await page.getByTestId('field-class-search').fill(className);
  await page
    .getByRole('option', { name: new RegExp(`^${className}`) })
    .first()
    .click();
  await expect.poll(() => page.getByTestId('field-class-chosen').innerText()).toContain(className);
  await page.getByTestId('report-photos').setInputFiles({ name: 'IMG_2041.png', mimeType: 'image/png', buffer: photo });
  await page.locator('.field-thumb img').first().waitFor();
  await page.getByTestId('report-description').fill(description);
  await expect.poll(() => page.getByTestId('report-submit').isEnabled()).toBe(true);
  await page.getByTestId('report-submit').tap();
  if (opts.expectDuplicate) {
    await page.getByTestId('duplicates').waitFor();
    await page.screenshot({ path: artifactPath('field-duplicates.png') });
    await page.getByTestId('dup-new').tap();
  }
  await expect.poll(() => page.getByTestId('field-toast').innerText()).toContain(className);
  console.log(`[field e2e] filed ${className} at +${Date.now() - T0} ms`);
}
const T0 = Date.now();

describe('field app on an emulated phone (360×740, touch, geolocation)', () => {
  it('signs in, installs its service worker and starts a patrol that records the walk', async () => {
    await page.goto(`${s.url}/field`);
    await page.getByLabel(/用户名/).fill('patrol_liexi');
    await page.getByLabel(/密码/).fill('demo1234');
    await page.getByRole('button', { name: /登录/ }).click();
    await page.getByTestId('report-form').waitFor();
    // The service worker has precached the app shell once it is active.
    await expect
      .poll(
        () =>
          page.evaluate(
            async () => (await navigator.serviceWorker.ready).active?.state === 'activated' && !!navigator.serviceWorker.controller,
          ),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    expect(await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'))).toBe('/manifest.webmanifest');

    await page.getByTestId('tab-patrol').tap();
    await page.getByTestId('patrol-start').tap();
    await expect.poll(() => page.getByTestId('patrol-status').getAttribute('data-status')).toBe('active');
    for (const code of XIAOJIAO.slice(1)) await moveTo(centre(code));
    await expect.poll(() => page.evaluate(() => window.__field!.trackLength()), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.getByTestId('patrol-grids-count').innerText()).toBe('4');
    await expect.poll(() => page.getByTestId('patrol-grid').innerText()).toContain('第04网格');
    await page.screenshot({ path: artifactPath('field-patrol.png') });
  }, 60_000);

  it('files 5 reports with photos offline, keeps them over a reload, and sends each exactly once when back online', async () => {
    await phone.setOffline(true);
    await expect.poll(() => page.getByTestId('field-net').innerText()).toBe('离线');
    const photo = png(2400, 1800);
    const reports: [string, string][] = [
      ['暴露垃圾', `路边垃圾堆 ${RUN}-1`],
      ['占道经营', `水果摊占道 ${RUN}-2`],
      ['井盖破损', `井盖裂开 ${RUN}-3`],
      ['非法小广告', `墙面小广告 ${RUN}-4`],
      ['暴露垃圾', `又一堆垃圾 ${RUN}-5`],
    ];
    for (const [i, [cls, text]] of reports.entries()) await fileReport(cls, text, photo, { expectDuplicate: i === 4 });
    await expect.poll(() => page.evaluate(() => window.__field!.kinds().filter((k) => k === 'report').length)).toBe(5);
    expect(await page.evaluate(() => window.__field!.kinds().filter((k) => k === 'photo').length)).toBe(5);
    await page.getByTestId('outbox-badge').tap();
    await page.getByTestId('outbox-sheet').waitFor();
    await page.screenshot({ path: artifactPath('field-outbox-offline.png') });

    // Reload with no network: the service worker serves the app, IndexedDB still holds the queue.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByTestId('field-app').waitFor();
    await expect.poll(() => page.getByTestId('field-net').innerText()).toBe('离线');
    await expect.poll(() => page.evaluate(() => window.__field?.kinds().filter((k) => k === 'report').length)).toBe(5);
    expect(await page.evaluate(() => window.__field!.patrol()?.status)).toBe('active');
    expect(Number(await page.getByTestId('outbox-badge').getAttribute('data-pending'))).toBeGreaterThanOrEqual(10);

    await phone.setOffline(false);
    await expect.poll(() => page.evaluate(() => window.__field!.pending()), { timeout: 30_000 }).toBe(0);
    expect(await page.evaluate(() => window.__field!.failed())).toBe(0);
    // A second flush finds nothing to send, so nothing can arrive twice.
    await page.evaluate(() => window.__field!.flush());

    const patrolUser = (await s.api('GET', '/api/session', { cookie: await s.login('patrol_liexi') })).body.user.id;
    const rows = await s.store.db.selectFrom('incidents').select(['id', 'data']).where('reporter_id', '=', patrolUser).execute();
    const mine = rows.map((r) => JSON.parse(r.data)).filter((c) => String(c.description).includes(RUN));
    expect(mine).toHaveLength(5);
    expect(mine.map((c) => c.description).sort()).toEqual(reports.map(([, d]) => d).sort());
    for (const c of mine) {
      expect(c.photos).toHaveLength(1);
      expect(XIAOJIAO).toContain(c.gridCode);
      const bytes = await s.store.db
        .selectFrom('photos')
        .select(['bytes', 'content_type'])
        .where('id', '=', c.photos[0].id)
        .executeTakeFirstOrThrow();
      // Resized on the phone: JPEG, longest side 1600 px, no EXIF block.
      expect(bytes.content_type).toBe('image/jpeg');
      expect(jpegSize(Buffer.from(bytes.bytes))).toEqual({ width: 1600, height: 1200 });
      expect(Buffer.from(bytes.bytes).includes(Buffer.from('Exif'))).toBe(false);
    }
    expect(
      Number(
        (
          await s.store.db
            .selectFrom('photos')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('uploader_id', '=', patrolUser)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(5);

    // And they are on the wall.
    const desk = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const wall = await desk.newPage();
    await wall.goto(`${s.url}/wall`);
    await wall.getByLabel(/用户名/).fill('wall');
    await wall.getByLabel(/密码/).fill('demo1234');
    await wall.getByRole('button', { name: /登录/ }).click();
    const ids = mine.map((c) => c.id as string);
    await wall.waitForFunction((want) => want.every((id) => window.__wall?.incidentIds().includes(id)), ids, { timeout: 20_000 });

    // The patrol is on the wall: its position, today's coverage and, live, its next move.
    await wall.waitForFunction((grids) => grids.every((g) => window.__wallPatrols?.patrolledGrids().includes(g)), XIAOJIAO, {
      timeout: 10_000,
    });
    const patrolId = await page.evaluate(() => window.__field!.patrol()!.id);
    await wall.waitForFunction((id) => window.__wallPatrols!.positions().some((p) => p.patrolId === id && p.status === 'active'), patrolId);
    const before = await page.evaluate(() => window.__field!.trackLength());
    const [lng, lat] = centre(XIAOJIAO[2]!);
    await moveTo([lng, lat]);
    await expect.poll(() => page.evaluate(() => window.__field!.trackLength())).toBeGreaterThan(before);
    await page.evaluate(() => window.__field!.flush());
    await wall.waitForFunction(
      ([id, want]) => window.__wallPatrols!.positions().some((p) => p.patrolId === id && Math.abs(p.lat - want) < 1e-4),
      [patrolId, lat + 5 / 111_195] as const,
      { timeout: 10_000 },
    );
    await expect.poll(() => wall.getByTestId('patrol-on-duty').innerText()).toBe('1');
    await expect.poll(() => wall.getByTestId('patrol-coverage').innerText()).not.toBe('—');
    await wall.waitForFunction(() => window.__wall?.mapLoaded === true, null, { timeout: 20_000 });
    await wall.waitForTimeout(500);
    await wall.screenshot({ path: artifactPath('field-wall.png') });
    await desk.close();
  }, 180_000);

  it('lists in the daily report the grids the track crossed, and files it', async () => {
    await page.getByTestId('tab-daily').tap();
    await page.getByTestId('daily-form').waitFor();
    await expect
      .poll(async () =>
        (
          await page
            .getByTestId('daily-grids')
            .locator('li:not(.field-missed)')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))
        ).sort(),
      )
      .toEqual(XIAOJIAO);
    await expect.poll(() => page.getByTestId('daily-cases').innerText()).toContain('5');
    await page.getByTestId('daily-plus-sanitation').tap();
    await page.getByTestId('daily-plus-sanitation').tap();
    await page.getByTestId('daily-notes').fill('小蕉片区四个网格巡查完毕');
    await page.getByTestId('daily-submit').tap();
    await page.getByTestId('daily-filed').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: artifactPath('field-daily.png'), fullPage: true });
    const wall = await s.login('wall');
    const list = await s.api('GET', '/api/daily-reports', { cookie: wall });
    const report = list.body.items.find((r: { userName: string }) => r.userName.startsWith('巡查员（列西'));
    expect(report.gridsCovered).toEqual(XIAOJIAO);
    expect(report.checklist.sanitation.count).toBe(2);
    expect(report.incidentIds.length).toBeGreaterThanOrEqual(5);
  }, 60_000);
});

/**
 * A TCP relay in front of the test server: `stop` closes it and cuts every open connection, so the
 * phone gets no answer at all (a dead server, a dead backhaul) while its network interface, and
 * `navigator.onLine`, stay up; `start` opens it again on the same port.
 */
function relay(target: string) {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    start: () =>
      new Promise<void>((resolve, reject) => {
        const srv = net.createServer((client) => {
          const upstream = net.connect(Number(targetPort), hostname);
          for (const so of [client, upstream]) {
            sockets.add(so);
            so.on('error', () => {});
            so.on('close', () => {
              sockets.delete(so);
              client.destroy();
              upstream.destroy();
            });
          }
          client.pipe(upstream).pipe(client);
        });
        srv.once('error', reject);
        srv.listen(port, '127.0.0.1', () => {
          port = (srv.address() as net.AddressInfo).port;
          server = srv;
          resolve();
        });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const so of sockets) so.destroy();
        sockets.clear();
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
  };
}

/** A case in 小蕉社区第01网格 handled by 环卫 with a result note, with a photo at report and at feedback. Returns id and number. */
async function handledCase(description: string, note: string): Promise<{ id: string; caseNo: string }> {
  const [patrol, dispatcher, hwc] = [await s.login('patrol_liexi'), await s.login('dispatcher'), await s.login('dept_hwc')];
  const upload = async (cookie: string) => {
    const id = randomUUID();
    const res = await fetch(`${s.url}/api/photos?id=${id}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', cookie },
      body: new Uint8Array(png(320, 240)),
    });
    expect(res.status).toBeLessThan(300);
    return id;
  };
  const id = randomUUID();
  const [lng, lat] = centre(XIAOJIAO[0]!);
  const reported = await s.api('POST', '/api/incidents', {
    cookie: patrol,
    body: { id, category: 'E0101', description, lng, lat, source: 'patrol', photoIds: [await upload(patrol)] },
  });
  expect(reported.status).toBe(201);
  let version = reported.body.incident.version as number;
  const steps: [string, Record<string, unknown>][] = [
    [dispatcher, { type: 'register' }],
    [dispatcher, { type: 'dispatch', leadDept: 'hwc' }],
    [hwc, { type: 'accept' }],
    [hwc, { type: 'feedback', note, photoIds: [await upload(hwc)] }],
  ];
  let caseNo = '';
  for (const [cookie, body] of steps) {
    const r = await s.api('POST', `/api/incidents/${id}/actions`, { cookie, body: { ...body, expectedVersion: version } });
    expect(r.status, String(body.type)).toBe(200);
    version = r.body.incident.version;
    caseNo = r.body.incident.caseNo;
  }
  expect(caseNo).toMatch(/^\d{4}-\d{6}$/);
  return { id, caseNo };
}

describe('field app from the user’s seat (390×844, grid staff, a server that stops answering)', () => {
  let proxy: ReturnType<typeof relay>;
  let ctx: BrowserContext;
  let p: Page;
  let dispatcher: string;
  const incidentByDescription = async (text: string) =>
    (await s.store.db.selectFrom('incidents').select(['id', 'data']).execute())
      .map((r) => JSON.parse(r.data))
      .filter((c) => c.description === text);

  /** Chooses a class, fills the description, taps 上报 (saying "report as new" if a nearby case is offered), waits for the toast. */
  async function report(className: string, description: string) {
    await p.getByTestId('tab-report').tap();
    await p.getByTestId('report-form').waitFor();
    if (await p.getByTestId('field-class-change').isVisible()) await p.getByTestId('field-class-change').tap();
    await p.getByTestId('field-class-search').fill(className);
    await p
      .getByRole('option', { name: new RegExp(`^${className}`) })
      .first()
      .tap();
    await p.getByTestId('report-description').fill(description);
    await expect.poll(() => p.getByTestId('report-submit').isEnabled()).toBe(true);
    await p.getByTestId('report-submit').tap();
    await p.getByTestId('duplicates').or(p.getByTestId('field-toast')).first().waitFor();
    if (await p.getByTestId('duplicates').isVisible()) await p.getByTestId('dup-new').tap();
    await expect.poll(() => p.getByTestId('field-toast').innerText()).toContain(className);
  }

  beforeAll(async () => {
    proxy = relay(s.url);
    await proxy.start();
    dispatcher = await s.login('dispatcher');
    const [lng, lat] = centre(XIAOJIAO[0]!);
    ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      geolocation: { longitude: lng, latitude: lat, accuracy: 8 },
      permissions: ['geolocation'],
    });
    p = await ctx.newPage();
    p.on('pageerror', (err) => console.error('field (390) page error:', err));
  });
  afterAll(async () => {
    await ctx?.close();
    await proxy?.stop();
  });

  it('keeps 上报 in reach above the tabs, says what is missing, and shows the whole grid around on the mini map', async () => {
    await p.goto(`${proxy.url}/field`);
    await p.getByLabel(/用户名/).fill('grid_xiaojiao');
    await p.getByLabel(/密码/).fill('demo1234');
    await p.getByRole('button', { name: /登录/ }).click();
    await p.getByTestId('report-form').waitFor();
    await expect.poll(() => p.getByTestId('field-net').innerText(), { timeout: 10_000 }).toBe('在线');

    // The button is on screen, above the tab bar, and nothing covers it, without scrolling.
    const submit = p.getByTestId('report-submit');
    const box = (await submit.boundingBox())!;
    const tabs = (await p.locator('.field-tabs').boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y + box.height).toBeLessThanOrEqual(tabs.y);
    expect(box.height).toBeGreaterThanOrEqual(48);
    expect(
      await p.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="report-submit"]') !== null,
        [box.x + box.width / 2, box.y + box.height / 2],
      ),
    ).toBe(true);
    await expect.poll(() => p.getByTestId('report-missing').innerText()).toBe('请选择问题类别');
    // Still there with the form scrolled to its end.
    await p.getByTestId('report-description').scrollIntoViewIfNeeded();
    expect((await submit.boundingBox())!.y).toBeCloseTo(box.y, 0);

    // The mini map: the whole grid the phone is in fits (MapLibre zoom: metres per pixel from 512-px tiles), never closer than 16.
    const map = p.getByTestId('field-map');
    await expect.poll(() => map.getAttribute('data-zoom'), { timeout: 20_000 }).not.toBeNull();
    await p.waitForFunction(
      () => (window as unknown as { performance: Performance }).performance.getEntriesByName('field-map-loaded').length > 0,
    );
    const zoom = Number(await map.getAttribute('data-zoom'));
    const mapBox = (await map.boundingBox())!;
    const ring = s.ctx.ref.grids.find((g) => g.code === XIAOJIAO[0])!.polygon[0]!;
    const lats = ring.map((c) => c[1]);
    const lngs = ring.map((c) => c[0]);
    const midLat = ((Math.min(...lats) + Math.max(...lats)) / 2) * (Math.PI / 180);
    const metresPerPx = (78_271.517 * Math.cos(midLat)) / 2 ** zoom;
    const gridW = (Math.max(...lngs) - Math.min(...lngs)) * 111_195 * Math.cos(midLat);
    const gridH = (Math.max(...lats) - Math.min(...lats)) * 111_195;
    console.log(
      `[field e2e] mini map zoom ${zoom}, ${Math.round(mapBox.width * metresPerPx)}×${Math.round(mapBox.height * metresPerPx)} m shown, grid ${Math.round(gridW)}×${Math.round(gridH)} m`,
    );
    expect(zoom).toBeLessThanOrEqual(16);
    expect(mapBox.width * metresPerPx).toBeGreaterThanOrEqual(gridW);
    expect(mapBox.height * metresPerPx).toBeGreaterThanOrEqual(gridH);

    const cut = await cutTextOn(p, { ignore: ['[data-testid="field-map"]'] });
    expect(cut.map(describeCut)).toEqual([]);
    await p.screenshot({ path: artifactPath('field-390-report.png') });
  }, 60_000);

  it('shows on each check card the department’s note and 整改前/整改后; passing and failing confirm with the case number and drop the case at once', async () => {
    const run = `${RUN}-check`;
    const passing = await handledCase(`路口垃圾堆 ${run}-1`, `已清运并冲洗地面 ${run}-1`);
    const failing = await handledCase(`绿化带垃圾 ${run}-2`, `已清理绿化带 ${run}-2`);
    await p.getByTestId('tab-check').tap();
    const card = (id: string) => p.locator(`[data-testid="check-case"][data-id="${id}"]`);
    for (const [c, n] of [
      [passing, 1],
      [failing, 2],
    ] as const) {
      await card(c.id).waitFor({ timeout: 15_000 });
      await expect.poll(() => card(c.id).getByTestId('check-feedback').innerText()).toContain(`${run}-${n}`);
      expect(await card(c.id).getByTestId('check-feedback').innerText()).toMatch(/处置反馈 · 环境卫生管理处处置员/);
      expect(await card(c.id).getByTestId('case-no').innerText()).toBe(c.caseNo);
      for (const [side, label] of [
        ['before', '整改前'],
        ['after', '整改后'],
      ] as const) {
        const figure = card(c.id).getByTestId(`check-${side}`);
        expect(await figure.locator('figcaption').innerText()).toBe(label);
        expect(await figure.getAttribute('data-count')).toBe('1');
        await expect.poll(() => figure.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
      }
    }
    await p.screenshot({ path: artifactPath('field-390-check.png'), fullPage: true });

    // Pass: gone from the list at once, a confirmation names the case; the server closes it.
    const open = async (id: string) => {
      if (await card(id).getByTestId('check-open').isVisible()) await card(id).getByTestId('check-open').tap();
    };
    await open(passing.id);
    await card(passing.id).getByTestId('check-pass').tap();
    await expect.poll(() => card(passing.id).count(), { timeout: 1_000 }).toBe(0);
    const done = p.getByTestId('check-done');
    await expect.poll(() => done.locator(`li[data-case-no="${passing.caseNo}"]`).innerText()).toContain(`已核查通过 · ${passing.caseNo}`);
    await expect
      .poll(async () => (await s.api('GET', `/api/incidents/${passing.id}`, { cookie: dispatcher })).body.incident.status, {
        timeout: 15_000,
      })
      .toBe('closed');
    await expect.poll(() => done.locator(`li[data-case-no="${passing.caseNo}"]`).innerText()).toContain('已提交');

    // Fail (a reason is required): back to the department, and the same confirmation.
    await open(failing.id);
    expect(await card(failing.id).getByTestId('check-fail').isDisabled()).toBe(true);
    await card(failing.id).getByTestId('check-note').fill('绿化带里仍有垃圾');
    await card(failing.id).getByTestId('check-fail').tap();
    await expect.poll(() => card(failing.id).count(), { timeout: 1_000 }).toBe(0);
    await expect.poll(() => done.locator(`li[data-case-no="${failing.caseNo}"]`).innerText()).toContain(`已核查不通过 · ${failing.caseNo}`);
    await expect
      .poll(async () => (await s.api('GET', `/api/incidents/${failing.id}`, { cookie: dispatcher })).body.incident, { timeout: 15_000 })
      .toMatchObject({ status: 'in_progress', reworkCount: 1 });
    // The list loaded again from the server after the sends: neither case is back.
    await p.waitForTimeout(500);
    expect(await card(passing.id).count()).toBe(0);
    expect(await card(failing.id).count()).toBe(0);
    await p.screenshot({ path: artifactPath('field-390-checked.png') });
  }, 90_000);

  it('shows 离线 within 20 s when the server stops answering while navigator.onLine stays true; back, 在线 and the outbox sends', async () => {
    await expect.poll(() => p.getByTestId('field-net').innerText()).toBe('在线');
    await proxy.stop();
    const stoppedAt = Date.now();
    await expect.poll(() => p.getByTestId('field-net').innerText(), { timeout: 20_000, interval: 250 }).toBe('离线');
    console.log(`[field e2e] offline shown ${Date.now() - stoppedAt} ms after the server stopped answering`);
    expect(await p.evaluate(() => navigator.onLine)).toBe(true);

    const text = `占道水果摊 ${RUN}-net`;
    await report('占道经营', text);
    await expect.poll(() => p.getByTestId('outbox-badge').textContent()).toBe('离线（1 条待发送）');
    expect(await incidentByDescription(text)).toHaveLength(0);
    await p.screenshot({ path: artifactPath('field-390-offline.png') });

    await proxy.start();
    const backAt = Date.now();
    await expect.poll(() => p.getByTestId('field-net').innerText(), { timeout: 20_000, interval: 250 }).toBe('在线');
    await expect.poll(() => p.evaluate(() => window.__field!.pending()), { timeout: 15_000 }).toBe(0);
    console.log(`[field e2e] online and sent ${Date.now() - backAt} ms after the server answered again`);
    expect(await incidentByDescription(text)).toHaveLength(1);
    await expect.poll(() => p.getByTestId('outbox-badge').textContent()).toBe('在线已全部发送');
  }, 90_000);

  it('after a report is accepted, says 可能重复 with the earlier case’s number, its distance and how long ago the reporter filed it', async () => {
    const first = `墙面小广告 ${RUN}-dup-1`;
    await report('非法小广告', first);
    await expect.poll(() => p.evaluate(() => window.__field!.pending()), { timeout: 15_000 }).toBe(0);
    const [earlier] = await incidentByDescription(first);
    expect(earlier?.caseNo).toMatch(/^\d{4}-\d{6}$/);
    // A notice about other cases near (the day's demo data) is not this test's business.
    if (await p.getByTestId('possible-duplicates-ok').isVisible()) await p.getByTestId('possible-duplicates-ok').tap();

    // The same again: the phone offers the first before sending (the same rule as the server), the user reports anyway.
    await p.getByTestId('field-class-search').fill('非法小广告');
    await p
      .getByRole('option', { name: /^非法小广告/ })
      .first()
      .tap();
    await p.getByTestId('report-description').fill(`墙面小广告 ${RUN}-dup-2`);
    await p.getByTestId('report-submit').tap();
    await p.getByTestId('duplicates').waitFor();
    expect(await p.getByTestId('duplicates').innerText()).toContain(first);
    await p.getByTestId('dup-new').tap();

    const notice = p.getByTestId('possible-duplicates');
    const item = notice.locator(`[data-testid="possible-duplicate"][data-case-no="${earlier.caseNo}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await notice.innerText()).toContain('可能重复');
    expect(await item.getAttribute('data-same-reporter')).toBe('true');
    expect(await item.innerText()).toMatch(new RegExp(`${earlier.caseNo}\\s*相距 \\d+ 米\\s*您 \\d+ 秒前上报`));
    await p.screenshot({ path: artifactPath('field-390-possible-duplicate.png') });
    await p.getByTestId('possible-duplicates-ok').tap();
    expect(await notice.count()).toBe(0);
  }, 60_000);

  it('switches to English from the menu; the class search finds 井盖缺失 by its English name ("manhole")', async () => {
    const classes = (await s.api('GET', '/api/categories')).body.classes as { name: string; nameEn?: string }[];
    const missing = classes.find((c) => c.name === '井盖缺失');
    expect(missing?.nameEn, 'the class catalogue has English names').toBeTruthy();

    await p.getByTestId('field-menu-open').tap();
    await p.getByTestId('field-menu').getByRole('button', { name: 'EN' }).tap();
    await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await p.getByTestId('field-menu').locator('h2').innerText()).toBe('Account');
    await p.getByTestId('field-menu-close').tap();
    expect(await p.getByTestId('field-net').innerText()).toBe('Online');
    expect(await p.getByTestId('tab-report').innerText()).toBe('Report');

    await p.getByTestId('tab-report').tap();
    await p.getByTestId('field-class-search').fill('manhole');
    const option = p.getByRole('option', { name: new RegExp(`^${missing!.nameEn}`) });
    await option.first().waitFor();
    await option.first().tap();
    await expect.poll(() => p.getByTestId('field-class-chosen').innerText()).toContain(missing!.nameEn!);
    const cut = await cutTextOn(p, { ignore: ['[data-testid="field-map"]'] });
    expect(cut.map(describeCut)).toEqual([]);
    await p.screenshot({ path: artifactPath('field-390-english.png') });

    await p.getByTestId('field-menu-open').tap();
    await p.getByTestId('field-menu').getByRole('button', { name: '中文' }).tap();
    await p.getByTestId('field-menu-close').tap();
    await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  }, 60_000);

  it('warns at sign-out while the outbox holds unsent items and cannot sign out with no answer; once the server answers they go, and sign-out forgets the phone’s data', async () => {
    await proxy.stop();
    await expect.poll(() => p.getByTestId('field-net').innerText(), { timeout: 20_000, interval: 250 }).toBe('离线');
    const text = `人行道乱堆物 ${RUN}-signout`;
    await report('暴露垃圾', text);

    await p.getByTestId('field-menu-open').tap();
    await p.getByTestId('field-signout').tap();
    const warning = p.getByTestId('signout-warning');
    await warning.waitFor();
    expect(await warning.getAttribute('data-unsent')).toBe('1');
    expect(await warning.innerText()).toContain('还有 1 条内容未发送');
    await p.screenshot({ path: artifactPath('field-390-signout-warning.png') });
    // Deleting and signing out needs the server to end the session: with no answer nothing is deleted.
    await p.getByTestId('signout-discard').tap();
    await p.getByTestId('field-menu').getByRole('alert').filter({ hasText: '需要网络才能退出登录' }).waitFor();
    // "Send now" with no answer keeps everything.
    await p.getByTestId('signout-send').tap();
    await expect.poll(() => p.getByTestId('signout-send').isEnabled()).toBe(true);
    expect(await p.evaluate(() => window.__field!.pending())).toBeGreaterThan(0);
    expect(await warning.getAttribute('data-unsent')).toBe('1');

    // The server answers again: what waited goes by itself.
    await proxy.start();
    await expect.poll(() => p.getByTestId('field-net').innerText(), { timeout: 20_000, interval: 250 }).toBe('在线');
    await expect.poll(() => p.evaluate(() => window.__field!.pending()), { timeout: 15_000 }).toBe(0);
    expect(await incidentByDescription(text)).toHaveLength(1);
    // Nothing left to lose: the warning is gone and the button simply signs out.
    await expect.poll(() => warning.count()).toBe(0);
    const session = (await ctx.cookies(proxy.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await s.api('GET', '/api/session', { cookie: session })).status).toBe(200);
    await p.getByTestId('field-signout').tap();
    await p.getByLabel(/用户名/).waitFor({ timeout: 15_000 });

    const stored = await p.evaluate(
      () =>
        new Promise<number[]>((resolve, reject) => {
          const open = indexedDB.open('streetchief-field');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const t = open.result.transaction(['kv', 'outbox', 'blobs'], 'readonly');
            const counts = ['kv', 'outbox', 'blobs'].map((n) => t.objectStore(n).count());
            t.oncomplete = () => resolve(counts.map((c) => c.result));
          };
        }),
    );
    expect(stored).toEqual([0, 0, 0]);
    // And the session is over on the server too.
    expect((await s.api('GET', '/api/session', { cookie: session })).status).toBe(401);
  }, 90_000);
});

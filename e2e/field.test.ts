import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser } from './browser.ts';

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

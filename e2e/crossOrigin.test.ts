import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { launchBrowser, signInThroughForm } from './browser.ts';

/**
 * Another site attacks a signed-in user in real Chromium: its page opens a socket to the app (to
 * stream case data under the user's cookie) and submits forms to the write endpoints. The pages
 * come from a second small server: at http://127.0.0.1:<other port> (same site as the app, so the
 * browser sends the SameSite=Lax cookie along) and at http://localhost:<other port> (another site).
 * The same page served from an origin in ALLOWED_ORIGINS gets through, which shows the page works
 * and that the cookie reaches the app: what stops the others is the origin check.
 */

// The package exports no path to its browser bundle: find it next to its package.json.
const SOCKET_IO_CLIENT = path.join(
  path.dirname(createRequire(import.meta.url).resolve('socket.io-client/package.json')),
  'dist/socket.io.min.js',
);
const REFUSED = { error: 'forbidden', reason: 'cross-origin request refused' };

let s: TestServer;
let browser: Browser;
let context: BrowserContext;
let user: Page;
let attacker: http.Server;
let partner: http.Server;
let attackerPort: number;
let partnerPort: number;

/** The other site's page: a socket.io client, a bare WebSocket and two text/plain forms aimed at the app. */
function attackPage(app: string, photoId: string): string {
  const ws = app.replace(/^http/, 'ws');
  // The classic text/plain trick: the field name carries JSON, the "=" and value close it.
  const json = JSON.stringify({
    id: randomUUID(),
    category: 'E0101',
    description: '伪造',
    lng: 117.6,
    lat: 26.26,
    source: 'patrol',
    x: '',
  });
  const name = json.slice(0, -2);
  return `<!doctype html><html><head><meta charset="utf-8"><script src="/socket.io.js"></script></head><body>
<form id="incident" method="post" enctype="text/plain" action="${app}/api/incidents">
  <input type="hidden" name='${name}' value='"}'><button>incident</button></form>
<form id="photo" method="post" enctype="text/plain" action="${app}/api/photos?id=${photoId}">
  <input type="hidden" name="jpeg" value="not really"><button>photo</button></form>
<script>
  window.seen = { hello: false, events: 0, errors: [], rawMessages: 0, rawClosed: false };
  const sock = io(${JSON.stringify(app)}, { transports: ['websocket'], auth: { protocol: ${PROTOCOL_VERSION}, after: 0 }, reconnection: false });
  sock.on('hello', () => (window.seen.hello = true));
  sock.on('event', () => window.seen.events++);
  sock.on('connect_error', (e) => window.seen.errors.push(e.message));
  const raw = new WebSocket(${JSON.stringify(`${ws}/socket.io/?EIO=4&transport=websocket`)});
  raw.onmessage = () => window.seen.rawMessages++;
  raw.onclose = () => (window.seen.rawClosed = true);
</script></body></html>`;
}

/** A tiny server for the other site's pages. */
async function siteServer(photoIds: Map<string, string>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.url === '/socket.io.js')
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(SOCKET_IO_CLIENT));
    const photoId = randomUUID();
    photoIds.set(`${req.headers.host}`, photoId);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackPage(s.url, photoId));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const photoIds = new Map<string, string>();
const head = async () => ((await (await fetch(`${s.url}/healthz`)).json()) as { head: number }).head;

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  // The partner's port must be known before the app starts, to list it in ALLOWED_ORIGINS.
  partner = await siteServer(photoIds);
  partnerPort = (partner.address() as AddressInfo).port;
  s = await startTestServer({ serveClient: true, allowedOrigins: [`http://127.0.0.1:${partnerPort}`] });
  attacker = await siteServer(photoIds);
  attackerPort = (attacker.address() as AddressInfo).port;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  user = await context.newPage();
  user.on('pageerror', (err) => console.error('page error:', err));
  // The user signs in on the app and keeps its desk open: its own socket is live.
  await signInThroughForm(user, `${s.url}/dispatch`, 'dispatcher');
  await user.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 20_000 });
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  await new Promise((r) => attacker?.close(r));
  await new Promise((r) => partner?.close(r));
});

interface Seen {
  hello: boolean;
  events: number;
  errors: string[];
  rawMessages: number;
  rawClosed: boolean;
}

/** Open the page at `origin`, let its sockets try for a while (cases keep happening meanwhile), and report. */
async function visit(origin: string): Promise<{ page: Page; seen: Seen }> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => {
    const seen = (window as unknown as { seen: Seen }).seen;
    return seen.hello || (seen.errors.length > 0 && seen.rawClosed);
  });
  // A case is reported while the page listens: a connected socket would be sent its event.
  const patrol = await s.login('patrol_liexi');
  const [lng, lat] = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
  const r = await s.api('POST', '/api/incidents', {
    cookie: patrol,
    body: { id: randomUUID(), category: 'E0101', description: '小蕉路口有暴露垃圾', lng, lat, source: 'patrol' },
  });
  expect(r.status).toBe(201);
  await page.waitForTimeout(1000);
  return { page, seen: await page.evaluate(() => (window as unknown as { seen: Seen }).seen) };
}

/** Submit one of the page's forms; returns the app's answer to it and the headers the browser sent. */
async function submit(page: Page, form: 'incident' | 'photo') {
  const [response] = await Promise.all([
    page.waitForResponse((res) => res.url().startsWith(`${s.url}/api/`) && res.request().method() === 'POST'),
    page.locator(`#${form} button`).click(),
  ]);
  return { status: response.status(), body: await response.json().catch(() => null), sent: await response.request().allHeaders() };
}

describe('another site’s page against a signed-in user, in Chromium', () => {
  it('the app’s own page is connected, and the page works from an allowed origin', async () => {
    const { page, seen } = await visit(`http://127.0.0.1:${partnerPort}`);
    // hello needs a signed-in user: the browser sent the cookie with the handshake.
    expect(seen.hello).toBe(true);
    expect(seen.rawMessages).toBeGreaterThan(0);
    // Its form gets past the origin check to the route (which refuses a text/plain body).
    const incident = await submit(page, 'incident');
    expect(incident.sent.cookie).toMatch(/=/);
    expect(incident.status).toBe(400);
    expect(incident.body).toMatchObject({ error: 'invalid' });
    await page.close();
  });

  for (const [label, host] of [
    ['same site, another origin (the cookie goes along)', '127.0.0.1'],
    ['another site', 'localhost'],
  ] as const) {
    it(`refuses the socket and the forms of a page from ${label}`, async () => {
      const origin = `http://${host}:${attackerPort}`;
      const before = await head();
      const { page, seen } = await visit(origin);
      expect(seen.hello).toBe(false);
      expect(seen.events).toBe(0);
      expect(seen.errors.length).toBeGreaterThan(0);
      // The bare WebSocket was refused at the handshake: not even Engine.IO's open packet.
      expect(seen.rawMessages).toBe(0);
      expect(seen.rawClosed).toBe(true);
      for (const socket of s.io.sockets.sockets.values()) expect(socket.handshake.headers.origin).not.toBe(origin);

      const eventsBefore = await head();
      const incident = await submit(page, 'incident');
      expect(incident.status).toBe(403);
      expect(incident.body).toEqual(REFUSED);
      if (host === '127.0.0.1') expect(incident.sent.cookie).toMatch(/=/);
      await page.goto(`${origin}/`);
      const photo = await submit(page, 'photo');
      expect(photo.status).toBe(403);
      expect(photo.body).toEqual(REFUSED);
      expect(await head()).toBe(eventsBefore);
      expect(eventsBefore).toBe(before + 1); // only the case the test itself reported
      for (const id of photoIds.values()) expect(await s.ctx.photos.meta(s.store.db, id)).toBeFalsy();
      await page.close();
    });
  }

  it('leaves the user’s own page connected throughout', async () => {
    expect(await user.locator('[data-testid="connection"]').getAttribute('data-status')).toBe('live');
  });
});

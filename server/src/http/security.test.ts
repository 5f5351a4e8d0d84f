import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { configFromEnv } from '../config.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { security } from './security.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const REFUSED = { error: 'forbidden', reason: 'cross-origin request refused' };
const EVIL = 'http://evil.example';

let s: TestServer;
let patrol: string;
let point: [number, number];

beforeAll(async () => {
  s = await startTestServer({ allowedOrigins: ['https://desk.example'] });
  patrol = await s.login('patrol_liexi');
  point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
});
afterAll(() => s?.stop());

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

const head = async (server: TestServer = s) => ((await (await fetch(`${server.url}/healthz`)).json()) as { head: number }).head;

/** Report a case as the patrol, from a page with the given request headers. */
function postCase(headers: Record<string, string>, server: TestServer = s, cookie = patrol) {
  const id = randomUUID();
  const body = { id, category: 'E0101', description: '暴露垃圾', lng: point[0], lat: point[1], source: 'patrol' };
  return fetch(`${server.url}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(body),
  }).then(async (res) => ({ id, status: res.status, body: await res.json() }));
}

const exists = async (id: string) => (await s.api('GET', `/api/incidents/${id}`, { cookie: patrol })).status === 200;

describe('protective headers', () => {
  it('sends a Content-Security-Policy the built client works under, and frame protection', async () => {
    for (const path of ['/api/grids', '/config.js', '/healthz']) {
      const res = await fetch(s.url + path);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      // No inline or evaluated script anywhere.
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
      expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('manifest-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      // Plain http here: nothing may be upgraded to an https port that is not listening.
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-powered-by')).toBeNull();
      await res.arrayBuffer();
    }
  });

  it('marks API answers no-store, except the ones that choose their own caching', async () => {
    const session = await fetch(`${s.url}/api/session`, { headers: { cookie: patrol } });
    expect(session.status).toBe(200);
    expect(session.headers.get('cache-control')).toBe('no-store');
    const missing = await fetch(`${s.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    const today = new Date().toISOString().slice(0, 10);
    for (const path of [`/api/public/stats?from=${today.slice(0, 8)}01&to=${today}&by=department`, '/api/public/trend?days=30']) {
      const res = await fetch(s.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    }
    const id = randomUUID();
    const up = await fetch(`${s.url}/api/photos?id=${id}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', cookie: patrol },
      body: new Uint8Array(PNG),
    });
    expect(up.status).toBe(201);
    const photo = await fetch(`${s.url}/api/photos/${id}`, { headers: { cookie: patrol } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('cache-control')).toMatch(/^private, /);
  });

  it('sends HSTS and upgrades subresources only when the site runs on HTTPS (COOKIE_SECURE)', async () => {
    const secure = await startTestServer({ cookieSecure: true });
    try {
      const res = await fetch(`${secure.url}/api/grids`);
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
      expect(directives(res.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(true);
      await res.arrayBuffer();
    } finally {
      await secure.stop();
    }
  });

  it('lets the map fetch and draw from the basemap style’s server when one is configured', async () => {
    const app = express().use(
      security({ cookieSecure: false, allowedOrigins: [], basemapStyleUrl: 'https://tiles.example.org:8443/styles/basic/style.json' }),
    );
    app.get('/', (_req, res) => res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('connect-src')).toEqual(["'self'", 'https://tiles.example.org:8443']);
      expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.example.org:8443']);
      expect(csp.get('script-src')).toEqual(["'self'"]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('origin check on state-changing requests', () => {
  it('refuses a POST from another site even with the user’s cookie, and writes nothing', async () => {
    const before = await head();
    const r = await postCase({ origin: EVIL });
    expect(r.status).toBe(403);
    expect(r.body).toEqual(REFUSED);
    // A sandboxed or file:// page sends Origin: null.
    const opaque = await postCase({ origin: 'null' });
    expect(opaque.status).toBe(403);
    // Same host, another port: another origin.
    const port = await postCase({ origin: s.url.replace(/:\d+$/, ':1') });
    expect(port.status).toBe(403);
    // No Origin, but the browser says the request came from another site.
    const fetchMeta = await postCase({ 'sec-fetch-site': 'cross-site' });
    expect(fetchMeta.status).toBe(403);
    expect(fetchMeta.body).toEqual(REFUSED);
    expect(await head()).toBe(before);
    for (const id of [r.id, opaque.id, port.id, fetchMeta.id]) expect(await exists(id)).toBe(false);
  });

  it('refuses a cross-origin photo upload and sign-out, storing and ending nothing', async () => {
    const id = randomUUID();
    const up = await fetch(`${s.url}/api/photos?id=${id}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', cookie: patrol, origin: EVIL },
      body: new Uint8Array(PNG),
    });
    expect(up.status).toBe(403);
    expect(await up.json()).toEqual(REFUSED);
    expect(await s.ctx.photos.meta(s.store.db, id)).toBeFalsy();
    const out = await fetch(`${s.url}/api/session`, { method: 'DELETE', headers: { cookie: patrol, origin: EVIL } });
    expect(out.status).toBe(403);
    expect((await s.api('GET', '/api/session', { cookie: patrol })).status).toBe(200);
  });

  it('accepts the site’s own pages, the allowed origins, and clients that are not browsers', async () => {
    const before = await head();
    const own = await postCase({ origin: s.url, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(201);
    const listed = await postCase({ origin: 'https://desk.example' });
    expect(listed.status).toBe(201);
    const curl = await postCase({});
    expect(curl.status).toBe(201);
    const sameSite = await postCase({ 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(201);
    expect(await head()).toBeGreaterThanOrEqual(before + 4);
    for (const id of [own.id, listed.id, curl.id, sameSite.id]) expect(await exists(id)).toBe(true);
    // Reading is not state-changing: a GET with a foreign Origin is answered (CORS keeps the body from that page).
    expect((await fetch(`${s.url}/api/grids`, { headers: { origin: EVIL } })).status).toBe(200);
  });

  it('takes the forwarded scheme and host only from a trusted proxy', async () => {
    const proxied = { origin: 'https://streetchief.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'streetchief.example' };
    // Untrusted (TRUST_PROXY unset): anyone can send these headers, so they do not make an origin "own".
    expect((await postCase(proxied)).status).toBe(403);
    const behind = await startTestServer({ trustProxy: ['loopback'] });
    try {
      const cookie = await behind.login('patrol_liexi');
      const ok = await postCase(proxied, behind, cookie);
      expect(ok.status).toBe(201);
      const wrongScheme = await postCase({ ...proxied, 'x-forwarded-proto': 'http' }, behind, cookie);
      expect(wrongScheme.status).toBe(403);
    } finally {
      await behind.stop();
    }
  });
});

describe('origin check on the Socket.IO handshake', () => {
  /** Connect with the patrol's cookie from `origin`; resolves with what happened first. */
  function handshake(origin: string, transports: ('websocket' | 'polling')[] = ['websocket']) {
    const socket = connect(s.url, {
      transports,
      extraHeaders: { cookie: patrol, origin },
      auth: { protocol: PROTOCOL_VERSION, after: 0 },
      reconnection: false,
      timeout: 3000,
    });
    return new Promise<{ hello: boolean; error?: string }>((resolve) => {
      socket.on('hello', () => resolve({ hello: true }));
      socket.on('connect_error', (err) => resolve({ hello: false, error: err.message }));
    }).finally(() => socket.close());
  }

  it('refuses a foreign Origin before any case data is sent, over WebSocket and polling', async () => {
    expect(await handshake(EVIL)).toEqual({ hello: false, error: 'websocket error' });
    const polling = await handshake(EVIL, ['polling']);
    expect(polling.hello).toBe(false);
    expect(polling.error).toMatch(/xhr poll error/);
    // The polling refusal is Engine.IO's 403 with our reason.
    const res = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie: patrol, origin: EVIL } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: 'cross-origin request refused' });
    for (const socket of s.io.sockets.sockets.values()) expect(socket.handshake.headers.origin).not.toBe(EVIL);
  });

  it('accepts the site’s own origin and the allowed ones', async () => {
    expect(await handshake(s.url)).toEqual({ hello: true });
    expect(await handshake('https://desk.example')).toEqual({ hello: true });
    expect(await handshake(s.url, ['polling'])).toEqual({ hello: true });
  });
});

describe('ALLOWED_ORIGINS', () => {
  const parse = (value: string) => configFromEnv({ ALLOWED_ORIGINS: value }, '/nowhere').allowedOrigins;

  it('takes comma-separated origins in the form browsers send them', () => {
    expect(parse('')).toEqual([]);
    expect(parse(' https://Desk.Example , http://10.0.0.5:8080/,https://a.example:443 ')).toEqual([
      'https://desk.example',
      'http://10.0.0.5:8080',
      'https://a.example',
    ]);
  });

  it('stops the start on anything that is not a bare origin', () => {
    for (const bad of ['desk.example', 'https://desk.example/app', 'https://desk.example?x=1', 'ftp://desk.example', '*'])
      expect(() => parse(bad), bad).toThrow(/ALLOWED_ORIGINS/);
  });
});

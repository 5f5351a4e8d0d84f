import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@streetchief/shared';
import type { AuditEntry, CreatedDisplay, DisplayDevice } from '@streetchief/shared/admin/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { SESSION_COOKIE, sessionIdOf } from './sessions.ts';

const HOUR = 3_600_000;
/** The test server's clock, moved by hand (its SESSION_DAYS is 1). */
let clock = Date.parse('2026-12-01T02:00:00Z');
const at = (hours: number, from = Date.parse('2026-12-01T02:00:00Z')) => {
  clock = from + hours * HOUR;
};

let s: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  s = await startTestServer({ now: () => new Date(clock) });
});
afterAll(async () => {
  for (const so of sockets) so.close();
  await s?.stop();
});

/** GET /api/session with a cookie: the status and the Set-Cookie it answered, if any. */
async function whoAmI(cookie: string) {
  const res = await fetch(`${s.url}/api/session`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as any, setCookie: res.headers.get('set-cookie') };
}

const rowOf = (cookie: string) =>
  s.store.db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sessionIdOf(cookie.slice(SESSION_COOKIE.length + 1)))
    .executeTakeFirst();

function openSocket(cookie: string): Promise<{ socket: Socket; error: string | null }> {
  const socket = connect(s.url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    auth: { protocol: PROTOCOL_VERSION, after: 0 },
    reconnection: false,
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('hello', () => resolve({ socket, error: null }));
    socket.once('connect_error', (err) => resolve({ socket, error: err.message }));
  });
}

describe('sliding expiry', () => {
  it('a session used regularly outlives its nominal day, an idle one ends after it', async () => {
    at(0);
    const used = await s.login('dispatcher');
    const idle = await s.login('supervisor');
    const renewals: string[] = [];
    // Used every 5 hours for three days: three times the nominal lifetime.
    for (let h = 5; h <= 72; h += 5) {
      at(h);
      const r = await whoAmI(used);
      expect([h, r.status]).toEqual([h, 200]);
      if (r.setCookie) renewals.push(r.setCookie);
    }
    // Renewed only once less than half the day (12 h) was left, not on every request: at 15 h
    // (9 h left, now until 39 h), then at 30, 45 and 60 h.
    expect(renewals).toHaveLength(4);
    for (const c of renewals) {
      expect(c).toMatch(/Max-Age=86400/);
      expect(c).toMatch(/HttpOnly/);
      expect(c.split(';')[0]).toBe(used);
    }
    // The cookie's expiry follows the stored one.
    const row = await rowOf(used);
    const last = renewals[renewals.length - 1]!;
    expect(new Date(/Expires=([^;]+)/.exec(last)![1]!).getTime()).toBe(Math.floor(Date.parse(row!.expires_at) / 1000) * 1000);
    expect((await whoAmI(idle)).status).toBe(401);
  });

  it('writes a session at most every few minutes, however often it is used', async () => {
    at(100);
    const cookie = await s.login('dispatcher');
    const seen0 = (await rowOf(cookie))!.last_seen_at;
    for (let m = 1; m <= 4; m++) {
      clock += 60_000;
      expect((await whoAmI(cookie)).status).toBe(200);
    }
    expect((await rowOf(cookie))!.last_seen_at).toBe(seen0);
    clock += 2 * 60_000;
    await whoAmI(cookie);
    expect((await rowOf(cookie))!.last_seen_at).toBe(new Date(clock).toISOString());
  });

  it('a socket connection counts as a use', async () => {
    at(200);
    const cookie = await s.login('supervisor');
    const before = Date.parse((await rowOf(cookie))!.expires_at);
    at(215);
    const { error } = await openSocket(cookie);
    expect(error).toBeNull();
    const row = (await rowOf(cookie))!;
    expect(row.last_seen_at).toBe(new Date(clock).toISOString());
    expect(Date.parse(row.expires_at)).toBe(clock + 24 * HOUR);
    expect(Date.parse(row.expires_at)).toBeGreaterThan(before);
  });
});

describe('wall displays', () => {
  let display: CreatedDisplay;
  let wall: string;

  it('enrolls once with the code, as the read-only wall over the whole district', async () => {
    at(300);
    const admin = await s.login('admin');
    const made = await s.api<CreatedDisplay>('POST', '/api/admin/displays', { cookie: admin, body: { name: '指挥中心一号大屏' } });
    expect(made.status).toBe(201);
    display = made.body;
    expect(display.enrollment.url).toBe(`/wall?enroll=${display.enrollment.code}`);
    expect(Date.parse(display.enrollment.expiresAt)).toBe(clock + 24 * HOUR);
    expect(display.display.status).toBe('pending');

    // Typed on a remote: lowercase and without dashes is the same code.
    const typed = display.enrollment.code.replaceAll('-', '').toLowerCase();
    const res = await fetch(`${s.url}/api/displays/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: typed }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`Max-Age=${400 * 86400}`));
    wall = setCookie.split(';')[0]!;
    const me = await whoAmI(wall);
    expect(me.body).toMatchObject({ kind: 'display', mustChangePassword: false, user: { role: 'wall', displayName: '指挥中心一号大屏' } });
    expect((await s.api('GET', '/api/incidents?limit=5', { cookie: wall })).status).toBe(200);
    expect((await s.api('GET', '/api/admin/users', { cookie: wall })).status).toBe(403);
    expect((await s.api('POST', '/api/session/password', { cookie: wall, body: { current: 'x', next: 'Meilie-river-2026' } })).status).toBe(
      403,
    );

    // Single use.
    const again = await s.api('POST', '/api/displays/enroll', { body: { code: display.enrollment.code } });
    expect([again.status, again.body.field]).toEqual([400, 'code']);
    const list = await s.api<{ displays: DisplayDevice[] }>('GET', '/api/admin/displays', { cookie: admin });
    expect(list.body.displays.find((d) => d.id === display.display.id)).toMatchObject({
      status: 'active',
      enrolledAt: new Date(clock).toISOString(),
    });
  });

  it('a code works for 24 hours only', async () => {
    at(300);
    const admin = await s.login('admin');
    const late = (await s.api<CreatedDisplay>('POST', '/api/admin/displays', { cookie: admin, body: { name: '晚到的大屏' } })).body;
    at(324.01);
    const r = await s.api('POST', '/api/displays/enroll', { body: { code: late.enrollment.code } });
    expect([r.status, r.body.field]).toEqual([400, 'code']);
    const fresh = await s.login('admin');
    const list = await s.api<{ displays: DisplayDevice[] }>('GET', '/api/admin/displays', { cookie: fresh });
    expect(list.body.displays.find((d) => d.id === late.display.id)!.status).toBe('expired');
  });

  it('a display session lives on far past SESSION_DAYS, seen by the administrator', async () => {
    at(300 + 24 * 20);
    const me = await whoAmI(wall);
    expect(me.status).toBe(200);
    const admin = await s.login('admin');
    const list = await s.api<{ displays: DisplayDevice[] }>('GET', '/api/admin/displays', { cookie: admin });
    expect(list.body.displays.find((d) => d.id === display.display.id)!.lastSeenAt).toBe(new Date(clock).toISOString());
  });

  it('revoking a display ends its session and closes its socket within a second', async () => {
    const { socket, error } = await openSocket(wall);
    expect(error).toBeNull();
    const closed = new Promise<number>((resolve) => {
      const t0 = Date.now();
      socket.once('disconnect', () => resolve(Date.now() - t0));
    });
    const admin = await s.login('admin');
    const r = await s.api('DELETE', `/api/admin/displays/${display.display.id}`, { cookie: admin });
    expect(r.status).toBe(200);
    expect(r.body.display).toMatchObject({ status: 'revoked', revokedAt: new Date(clock).toISOString() });
    const ms = await closed;
    expect(ms).toBeLessThan(1000);
    console.log(`display socket closed ${ms} ms after the revoke was sent`);
    expect((await whoAmI(wall)).status).toBe(401);
    expect((await openSocket(wall)).error).toBe('unauthenticated');
    expect((await s.api('DELETE', `/api/admin/displays/${display.display.id}`, { cookie: admin })).status).toBe(200);
    expect((await s.api('DELETE', '/api/admin/displays/nope', { cookie: admin })).status).toBe(404);

    const audit = await s.api<{ entries: AuditEntry[] }>('GET', `/api/admin/audit?targetId=${display.display.id}`, { cookie: admin });
    expect(audit.body.entries.map((e) => e.action)).toEqual(['display.revoke', 'display.enroll', 'display.create']);
    expect(audit.body.entries[1]!.actorName).toBe('指挥中心一号大屏');
  });
});

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayUploadPhotos, PHOTO_ACTIONS, ROLES, WORKFLOW } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { DAILY_PHOTO_QUOTA, type PhotoContext } from '../commands/photos.ts';
import { HOUSEKEEPING_INTERVAL_MS, UNATTACHED_PHOTO_TTL_MS } from '../scheduler/housekeeping.ts';
import { insertSession } from '../store/userRepo.ts';
import { postgresAvailable } from '../testing/services.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const HOUR = 3_600_000;
const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md');

async function upload(s: TestServer, cookie: string, opts: { id?: string; type?: string; body?: BodyInit } = {}) {
  const id = opts.id ?? randomUUID();
  const res = await fetch(`${s.url}/api/photos?id=${id}`, {
    method: 'POST',
    headers: { cookie, ...(opts.type !== undefined ? { 'content-type': opts.type } : { 'content-type': 'image/png' }) },
    body: opts.body ?? new Uint8Array(PNG),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers, id };
}

const photoRows = (s: TestServer) => s.store.db.selectFrom('photos').select(['id', 'uploader_id', 'incident_id']).execute();
const photoExists = async (s: TestServer, id: string) =>
  !!(await s.store.db.selectFrom('photos').select('id').where('id', '=', id).executeTakeFirst());

/**
 * Sends only the headers of an upload that declares `length` bytes, never the body, and waits for
 * the answer. A server that read the body first would never answer within the time.
 */
function answerWithoutBody(s: TestServer, cookie: string, type: string, length = 4_000_000): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${s.url}/api/photos?id=${randomUUID()}`, {
      method: 'POST',
      headers: { cookie, 'content-type': type, 'content-length': String(length) },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no answer before the body was sent: the server waited for the body'));
    }, 3000);
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.flushHeaders();
  });
}

describe('who may upload photos', () => {
  it('is derived from the workflow table: the roles that take a step with photos (report, feedback, checks, 协办 notes)', () => {
    expect([...PHOTO_ACTIONS].sort()).toEqual(['assist_note', 'check_fail', 'check_pass', 'feedback', 'report']);
    const expected = ROLES.filter((r) => WORKFLOW.some((t) => PHOTO_ACTIONS.includes(t.action) && t.roles.includes(r)));
    expect(ROLES.filter(mayUploadPhotos)).toEqual(expected);
    expect(ROLES.filter(mayUploadPhotos).sort()).toEqual(['admin', 'dept_handler', 'dispatcher', 'grid_staff', 'patrol']);
  });

  it('the default daily allowance is the one the README states: 200 photos and 300 MiB per user', () => {
    expect(DAILY_PHOTO_QUOTA).toEqual({ photos: 200, bytes: 300 * 1024 * 1024 });
    const readme = fs.readFileSync(README, 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`${DAILY_PHOTO_QUOTA.photos} photos / ${DAILY_PHOTO_QUOTA.bytes / 1024 / 1024} MiB per user per day`);
    expect(UNATTACHED_PHOTO_TTL_MS).toBe(24 * HOUR);
    expect(HOUSEKEEPING_INTERVAL_MS).toBe(HOUR);
  });
});

describe('uploads on a real server (SQLite)', () => {
  // Thursday 10:00 in the district: the next district midnight is 14 hours away.
  const clock = { now: new Date('2026-12-03T10:00:00+08:00') };
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ now: () => clock.now });
  });
  afterAll(() => s?.stop());

  it('the wall, the supervisor and a street chief get 403 and store nothing; a patrol and a department handler may upload', async () => {
    const before = (await photoRows(s)).length;
    for (const name of ['wall', 'supervisor', 'liexi_chief']) {
      const r = await upload(s, await s.login(name));
      expect(r.status, name).toBe(403);
      expect(r.body).toMatchObject({ error: 'forbidden' });
      // Refused before the body: the answer comes while the body is still unsent.
      expect((await answerWithoutBody(s, await s.login(name), 'image/jpeg')).status).toBe(403);
    }
    expect((await photoRows(s)).length).toBe(before);
    for (const name of ['patrol_liexi', 'dept_hwc', 'grid_xiaojiao', 'dispatcher']) {
      const r = await upload(s, await s.login(name));
      expect(r.status, name).toBe(201);
      expect(await photoExists(s, r.id)).toBe(true);
    }
    // The field app sends a blob without a type as application/octet-stream: still accepted.
    expect((await upload(s, await s.login('patrol_liexi'), { type: 'application/octet-stream' })).status).toBe(201);
  });

  it('refuses text/plain, form posts and urlencoded bodies with 415 naming content-type, before reading the body, storing nothing', async () => {
    const patrol = await s.login('patrol_liexi');
    const before = await photoRows(s);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'x.png');
    const refused = [
      await upload(s, patrol, { type: 'text/plain' }),
      await upload(s, patrol, { type: 'text/plain;charset=UTF-8', body: 'a cross-site form post' }),
      await upload(s, patrol, { type: 'application/x-www-form-urlencoded', body: 'file=abc' }),
      // fetch sets the multipart boundary itself.
      await fetch(`${s.url}/api/photos?id=${randomUUID()}`, { method: 'POST', headers: { cookie: patrol }, body: form }).then(
        async (r) => ({
          status: r.status,
          body: await r.json(),
        }),
      ),
      await upload(s, patrol, { type: 'image/gif' }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(415);
      expect(r.body).toMatchObject({ error: 'unsupported_media_type', field: 'content-type' });
      expect(r.body.reason).toMatch(/image\/jpeg/);
    }
    expect(refused[3]!.body.reason).toMatch(/multipart\/form-data/);
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      expect(await answerWithoutBody(s, patrol, type)).toMatchObject({ status: 415, body: { field: 'content-type' } });
    }
    expect(await photoRows(s)).toEqual(before);
  });

  it('a user over the daily allowance gets 429 with the reason and Retry-After at the next district midnight; a retry of a stored photo still passes; the next day it is open again', async () => {
    const ctx = s.ctx as PhotoContext;
    ctx.photoQuota = { photos: 3, bytes: 1_000_000 };
    try {
      const cookie = await s.login('grid_dongan');
      const first = await upload(s, cookie);
      expect(first.status).toBe(201);
      expect((await upload(s, cookie)).status).toBe(201);
      expect((await upload(s, cookie)).status).toBe(201);
      const over = await upload(s, cookie);
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ error: 'quota_exceeded', retryAfterSeconds: 14 * 3600 });
      expect(over.body.reason).toMatch(/3 photos per user per day/);
      expect(over.headers.get('retry-after')).toBe(String(14 * 3600));
      expect(await photoExists(s, over.id)).toBe(false);
      // Refused before the body too.
      expect((await answerWithoutBody(s, cookie, 'image/jpeg', 1000)).status).toBe(429);
      // The phone's retry of a photo it already sent is not a new photo.
      expect((await upload(s, cookie, { id: first.id })).status).toBe(200);
      // Another user's allowance is their own.
      expect((await upload(s, await s.login('patrol_liedong'))).status).toBe(201);

      // Bytes: the allowance counts the real size of what was stored.
      ctx.photoQuota = { photos: 100, bytes: PNG.length * 2 + 10 };
      const bytesUser = await s.login('patrol_xubi');
      expect((await upload(s, bytesUser)).status).toBe(201);
      expect((await upload(s, bytesUser)).status).toBe(201);
      const heavy = await upload(s, bytesUser);
      expect(heavy.status).toBe(429);
      expect(heavy.body.reason).toMatch(new RegExp(`${PNG.length * 2 + 10} bytes of photos per user per day`));

      // One minute after the district's midnight the day is new.
      clock.now = new Date('2026-12-04T00:01:00+08:00');
      expect((await upload(s, cookie)).status).toBe(201);
      expect((await upload(s, bytesUser)).status).toBe(201);
    } finally {
      delete ctx.photoQuota;
      clock.now = new Date('2026-12-03T10:00:00+08:00');
    }
  });
});

const pgUp = await postgresAvailable();
describe.each([
  ['sqlite', true],
  ['postgres', pgUp],
] as const)('housekeeping on %s (PostgreSQL skipped only outside CI when unreachable)', (dialect, up) => {
  // Sign-ins take their times from the wall clock, so the test's clock starts at the real now.
  const t0 = Date.now();
  const clock = { now: new Date(t0) };
  let s: TestServer;
  beforeAll(async () => {
    if (up) s = await startTestServer({ dialect, now: () => clock.now });
  });
  afterAll(() => s?.stop());

  it.skipIf(!up)(
    'the scheduler deletes unattached photos older than a day, keeps attached and younger ones, purges expired sessions, at most once an hour',
    async () => {
      const at = (h: number) => (clock.now = new Date(t0 + h * HOUR));
      const patrol = await s.login('patrol_liexi');
      const old = await upload(s, patrol);
      const kept = await upload(s, patrol);
      const [lng, lat] = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
      const report = await s.api('POST', '/api/incidents', {
        cookie: patrol,
        body: { id: randomUUID(), category: 'E0101', description: '带照片', lng, lat, source: 'patrol', photoIds: [kept.id] },
      });
      expect(report.status).toBe(201);
      at(1.5);
      const young = await upload(s, patrol);

      // Sessions: one that expired a day ago, one live for days (with a cookie to prove it still signs in).
      const user = await s.store.db.selectFrom('users').select('id').where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
      await insertSession(s.store.db, 'expired-session', user.id, new Date(t0 - 48 * HOUR), new Date(t0 - 24 * HOUR));
      const token = randomBytes(32).toString('base64url');
      const liveId = createHash('sha256').update(token).digest('base64url');
      await insertSession(s.store.db, liveId, user.id, new Date(t0), new Date(t0 + 100 * HOUR));
      const live = `${SESSION_COOKIE}=${token}`;
      const sessionIds = async () => (await s.store.db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
      expect(await sessionIds()).toEqual(expect.arrayContaining(['expired-session', liveId]));
      expect((await s.api('GET', '/api/session', { cookie: live })).status).toBe(200);

      // Nothing is a day old yet; the expired session goes with the first round.
      at(2);
      await s.scheduler.runOnce();
      expect(await photoExists(s, old.id)).toBe(true);
      expect(await sessionIds()).not.toContain('expired-session');

      // 25 h after the first uploads: the unattached one goes, the attached one and the 23.5-hour-old one stay.
      at(25);
      await s.scheduler.runOnce();
      expect(await photoExists(s, old.id)).toBe(false);
      expect(await photoExists(s, kept.id)).toBe(true);
      expect(await photoExists(s, young.id)).toBe(true);
      // The sign-ins made at t0 lasted a day (the test server's SESSION_DAYS=1): their rows are gone,
      // so the patrol's cookie no longer signs in (it would by its own expiry: that counts from the wall clock).
      const expiredLeft = await s.store.db.selectFrom('sessions').select('id').where('expires_at', '<', clock.now.toISOString()).execute();
      expect(expiredLeft).toEqual([]);
      expect((await s.api('GET', '/api/session', { cookie: patrol })).status).toBe(401);
      expect(await sessionIds()).toContain(liveId);
      expect((await s.api('GET', '/api/session', { cookie: live })).status).toBe(200);
      const fresh = await s.login('patrol_liexi');
      expect((await fetch(`${s.url}/api/photos/${kept.id}`, { headers: { cookie: fresh } })).status).toBe(200);
      expect((await fetch(`${s.url}/api/photos/${old.id}`, { headers: { cookie: fresh } })).status).toBe(404);

      // 45 minutes later the young photo is 24.25 h old, but an hour has not passed: left alone.
      at(25.75);
      await s.scheduler.runOnce();
      expect(await photoExists(s, young.id)).toBe(true);
      // An hour after the last run it goes; the attached one and the live session stay.
      at(26.1);
      await s.scheduler.runOnce();
      expect(await photoExists(s, young.id)).toBe(false);
      expect(await photoExists(s, kept.id)).toBe(true);
      expect((await s.api('GET', '/api/session', { cookie: live })).status).toBe(200);
    },
  );
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@streetchief/shared';
import { listStaff } from '../store/referenceRepo.ts';
import { listUsers } from '../store/userRepo.ts';
import { CLIENT_DIST, startTestServer, type TestServer } from '../testing/testServer.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ serveClient: fs.existsSync(path.join(CLIENT_DIST, 'index.html')) });
});
afterAll(() => s?.stop());

const month = () => {
  const d = new Date();
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  return { from: iso(first), to: iso(new Date()) };
};

describe('statistics endpoints', () => {
  it('GET /api/stats needs a sign-in and validates its query', async () => {
    const { from, to } = month();
    expect((await s.api('GET', `/api/stats?from=${from}&to=${to}`)).status).toBe(401);
    const cookie = await s.login('supervisor');
    const ok = await s.api('GET', `/api/stats?from=${from}&to=${to}&by=street`, { cookie });
    expect(ok.status).toBe(200);
    expect(ok.body.rows.map((r: any) => r.label).sort()).toEqual(['列东街道', '列西街道', '徐碧街道']);
    expect(ok.body.total.due).toBeGreaterThan(100);
    expect(ok.body.total.closureRate).toBeGreaterThan(0);
    // The demo's field history (the 30 days before today): about 85 % of grid-days patrolled,
    // about 90 % of daily reports on time.
    const day = (ago: number) => new Date(Date.now() + 8 * 3_600_000 - ago * 86_400_000).toISOString().slice(0, 10);
    const past = await s.api('GET', `/api/stats?from=${day(14)}&to=${day(1)}&by=street`, { cookie });
    expect(past.body.total.patrolCoverage).toBeGreaterThan(75);
    expect(past.body.total.patrolCoverage).toBeLessThan(95);
    expect(past.body.total.reportTimeliness).toBeGreaterThan(75);
    expect(past.body.total.reportTimeliness).toBeLessThan(100);
    expect((await s.api('GET', `/api/stats?from=2026-13-01&to=${to}`, { cookie })).body.field).toBe('from');
    expect((await s.api('GET', `/api/stats?from=${to}&to=${from}`, { cookie })).body.field).toBe('to');
    expect((await s.api('GET', `/api/stats?from=${from}&to=${to}&by=people`, { cookie })).body.field).toBe('by');
  });

  it('GET /api/public/stats ranks departments without signing in, publishes case classes, and refuses other groupings', async () => {
    const { from, to } = month();
    const r = await s.api('GET', `/api/public/stats?from=${from}&to=${to}&by=department`);
    expect(r.status).toBe(200);
    expect(r.body.rows.length).toBeGreaterThanOrEqual(8);
    const scores = r.body.rows.map((x: any) => x.score).filter((x: any) => x !== null);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    // Case classes are published (/public's view by class): figures and class names only.
    const byClass = await s.api('GET', `/api/public/stats?from=${from}&to=${to}&by=category`);
    expect(byClass.status).toBe(200);
    expect(byClass.body.rows.length).toBeGreaterThan(0);
    expect(Object.keys(byClass.body.rows[0]).sort()).toEqual(Object.keys(r.body.rows[0]).sort());
    expect(byClass.body.total.onTimeClosureRate).toBe(r.body.total.onTimeClosureRate);
    expect((await s.api('GET', `/api/public/stats?from=${from}&to=${to}&by=community`)).status).toBe(400);
  });
});

describe('the public sees no personal data', () => {
  it('no public endpoint or page payload contains a seeded name, phone number, username or description', async () => {
    const staff = await listStaff(s.store.db);
    const users = await listUsers(s.store.db);
    const descriptions = (await s.store.db.selectFrom('incidents').select('data').limit(2000).execute()).map(
      (r) => JSON.parse(r.data).description as string,
    );
    const chiefs = s.ctx.ref.grids.map((g) => g.chief);
    const secrets = new Set<string>([
      ...staff.flatMap((p) => [p.name, p.phone]),
      // Desk and device accounts named after their role (`dispatcher`, `wall`: words the code itself
      // uses) name no person; every other account does.
      ...users.filter((u) => !(ROLES as readonly string[]).includes(u.username)).flatMap((u) => [u.username, u.displayName, u.id]),
      ...chiefs,
      ...descriptions,
    ]);
    const { from, to } = month();
    const grid = s.ctx.ref.grids[0]!;
    const [lng, lat] = grid.polygon[0]![0]!;
    const urls = [
      '/healthz',
      '/config.js',
      '/api/grids',
      '/api/categories',
      `/api/grids/locate?lng=${lng + 0.0001}&lat=${lat - 0.0001}`,
      ...(['department', 'street', 'grid'] as const).map((by) => `/api/public/stats?from=${from}&to=${to}&by=${by}`),
      '/public',
      '/',
    ];
    // Page payloads: the HTML and every script or style it references.
    const bodies: [string, string][] = [];
    for (const u of urls) {
      const res = await fetch(s.url + u);
      const text = await res.text();
      bodies.push([u, text]);
      if (res.headers.get('content-type')?.includes('text/html')) {
        for (const m of text.matchAll(/(?:src|href)="(\/[^"]+)"/g)) {
          const asset = await fetch(s.url + m[1]);
          bodies.push([m[1]!, await asset.text()]);
        }
      }
    }
    // Every built chunk too (pages load most of their code lazily), and the public trend.
    const assets = fs.existsSync(path.join(CLIENT_DIST, 'assets')) ? fs.readdirSync(path.join(CLIENT_DIST, 'assets')) : [];
    for (const f of assets.filter((x) => /\.(js|css|json|webmanifest)$/.test(x))) {
      const res = await fetch(`${s.url}/assets/${f}`);
      expect(res.status).toBe(200);
      bodies.push([`/assets/${f}`, await res.text()]);
    }
    bodies.push(['/api/public/trend', await (await fetch(`${s.url}/api/public/trend?days=30`)).text()]);
    expect(bodies.length).toBeGreaterThan(urls.length - 1);
    const leaks: string[] = [];
    for (const [u, text] of bodies)
      for (const secret of secrets) if (secret.length >= 2 && text.includes(secret)) leaks.push(`${u}: ${secret}`);
    expect(leaks).toEqual([]);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@streetchief/shared';
import { latencySummary, pollHealth } from '../testing/healthPoller.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { insertYearOfHistory } from '../testing/yearOfHistory.ts';
import { errorHandler } from './errorHandler.ts';
import { heavyLimit } from './heavyLimit.ts';

/** GET /healthz on a connection of its own; its status, or 0 when no answer came. */
function healthStatus(): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`${s.url}/healthz`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let s: TestServer;
let supervisor: string;
let dispatcher: string;
let yearUrl: string;
let todayUrl: string;
let casesInYear: number;

beforeAll(async () => {
  s = await startTestServer();
  [supervisor, dispatcher] = await Promise.all([s.login('supervisor'), s.login('dispatcher')]);
  const year = await insertYearOfHistory(s);
  yearUrl = `${s.url}/api/exports/cases.xlsx?from=${year.from}&to=${year.to}`;
  todayUrl = `${s.url}/api/exports/cases.xlsx?from=${year.to}&to=${year.to}`;
  casesInYear = year.cases;
  expect(casesInYear).toBeGreaterThan(20_000);
}, 120_000);
afterAll(() => s?.stop());

/** What the tests read of a download: its status, a header, and its body once read to the end. */
interface Download {
  status: number;
  headers: { get: (name: string) => string | null };
  arrayBuffer: () => Promise<ArrayBuffer>;
  json: () => Promise<unknown>;
}

/**
 * GET on a connection of its own (no keep-alive pool): the test process also runs the server, and
 * while setting up a year of history blocks its loop, the server's idle timer may close a pooled
 * socket just as a download is sent on it (ECONNRESET) — a race of the test's client, not the app.
 */
function get(url: string, cookie: string, signal?: AbortSignal): Promise<Download> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { cookie }, signal }, (res) => {
      res.pause();
      const body = () =>
        new Promise<Buffer>((ok, fail) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => ok(Buffer.concat(parts)));
          res.on('error', fail);
          res.resume();
        });
      resolve({
        status: res.statusCode ?? 0,
        headers: { get: (name) => (res.headers[name.toLowerCase()] as string | undefined) ?? null },
        arrayBuffer: async () => {
          const b = await body();
          return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
        },
        json: async () => JSON.parse((await body()).toString('utf8')),
      });
    });
    req.on('error', reject);
  });
}

describe('heavy exports', () => {
  it('ten parallel year-long XLSX exports never stall /healthz; the eleventh from the same user is a 429 with Retry-After; another user is still served; afterwards new exports work', async () => {
    const stopHealth = pollHealth(healthStatus);
    const t0 = performance.now();
    const downloads = await Promise.all(Array.from({ length: 10 }, () => get(yearUrl, supervisor)));
    expect(downloads.map((r) => r.status)).toEqual(Array(10).fill(200));

    const eleventh = await get(yearUrl, supervisor);
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await eleventh.json()).toEqual({ error: 'too_many_requests', reason: 'at most 10 exports at once per user' });
    const otherUser = await get(todayUrl, dispatcher);
    expect(otherUser.status).toBe(200);
    await otherUser.arrayBuffer();

    const files = await Promise.all(downloads.map((r) => r.arrayBuffer()));
    const seconds = (performance.now() - t0) / 1000;
    const polled = await stopHealth();
    const health = { failures: polled.failures, ...latencySummary(polled.ms) };
    console.log(
      `10 parallel XLSX exports of ${casesInYear} cases each: ${seconds.toFixed(1)} s; /healthz every 20 ms meanwhile: ` +
        `n=${health.n} p50 ${health.p50.toFixed(1)} ms, p99 ${health.p99.toFixed(1)} ms, max ${health.max.toFixed(1)} ms`,
    );
    expect(health.failures).toBe(0);
    // Before the exports took turns, every /healthz waited about 6 s behind them. The 100 ms target
    // itself is a speed figure and is met in `npm run bench exports` (idle baseline measured in the
    // same run); here, beside other test files on two shared cores, only a stall is a failure.
    expect(health.max).toBeLessThan(1000);

    // Each download is a whole workbook: header plus every case of the year.
    for (const f of files) expect(f.byteLength).toBeGreaterThan(1_000_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[3]!);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('案卷号');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.rowCount - 1).toBe(casesInYear);

    // Every slot was given back: ten more at once are all admitted.
    const again = await Promise.all(Array.from({ length: 10 }, () => get(todayUrl, supervisor)));
    expect(again.map((r) => r.status)).toEqual(Array(10).fill(200));
    await Promise.all(again.map((r) => r.arrayBuffer()));
  }, 120_000);

  it('aborted downloads give their slots back and their work stops', async () => {
    const aborts = Array.from({ length: 10 }, () => new AbortController());
    const downloads = await Promise.all(aborts.map((a) => get(yearUrl, supervisor, a.signal)));
    expect(downloads.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await get(todayUrl, supervisor)).status).toBe(429);
    for (const a of aborts) a.abort();

    let admitted = 0;
    for (let i = 0; i < 50 && admitted < 10; i++) {
      await sleep(100);
      const tries = await Promise.all(Array.from({ length: 10 }, () => get(todayUrl, supervisor)));
      await Promise.all(tries.map((r) => r.arrayBuffer()));
      admitted = tries.filter((r) => r.status === 200).length;
    }
    expect(admitted).toBe(10);

    // Ten exports still running would keep this process's event loop busy; stopped, it idles.
    const before = performance.eventLoopUtilization();
    await sleep(1000);
    expect(performance.eventLoopUtilization(before).utilization).toBeLessThan(0.3);
  }, 60_000);
});

describe('heavyLimit', () => {
  const open: (() => void)[] = [];
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = express();
    app.use((req, _res, next) => {
      req.user = { id: String(req.headers['x-user']) } as User;
      next();
    });
    app.use('/heavy', heavyLimit({ perUser: 2, perNode: 3, retryAfterSeconds: 7 }));
    app.get('/heavy/hold', (_req, res) => {
      res.write('started\n');
      open.push(() => res.end('done'));
    });
    app.get('/heavy/fail', () => {
      throw new Error('export failed');
    });
    app.use(errorHandler(pino({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/heavy`;
    close = () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    };
  });
  afterAll(() => close?.());

  const hold = (user: string, signal?: AbortSignal) => fetch(`${url}/hold`, { headers: { 'x-user': user }, signal });
  const finishAll = async (responses: Response[]) => {
    for (const end of open.splice(0)) end();
    await Promise.all(responses.map((r) => (r.status === 200 ? r.text() : null)));
  };

  it('limits per user and per node with 429 and Retry-After; a finished, failed or abandoned request frees its slot', async () => {
    const [a1, a2] = [await hold('a'), await hold('a')];
    expect([a1.status, a2.status]).toEqual([200, 200]);
    const a3 = await hold('a');
    expect(a3.status).toBe(429);
    expect(a3.headers.get('retry-after')).toBe('7');
    expect((await a3.json()).reason).toBe('at most 2 exports at once per user');
    const b1 = await hold('b');
    expect(b1.status).toBe(200);
    const b2 = await hold('b');
    expect(b2.status).toBe(429);
    expect((await b2.json()).reason).toBe('the server is running 3 exports, its most at once');
    await finishAll([a1, a2, b1]);

    // Five failures in a row hold nothing afterwards.
    for (let i = 0; i < 5; i++) expect((await fetch(`${url}/fail`, { headers: { 'x-user': 'c' } })).status).toBe(500);
    const c = [await hold('c'), await hold('c')];
    expect(c.map((r) => r.status)).toEqual([200, 200]);
    await finishAll(c);

    // Two downloads abandoned mid-way: their slots come back once the connections drop.
    const aborts = [new AbortController(), new AbortController()];
    const d = [await hold('d', aborts[0]!.signal), await hold('d', aborts[1]!.signal)];
    expect(d.map((r) => r.status)).toEqual([200, 200]);
    expect((await hold('d')).status).toBe(429);
    for (const a of aborts) a.abort();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      await sleep(50);
      const r = await hold('d');
      status = r.status;
      if (status === 200) await finishAll([r]);
      else await r.text();
    }
    expect(status).toBe(200);
  });
});

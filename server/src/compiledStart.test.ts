import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startUntilHealthy, type Started } from '../scripts/startTime.ts';
import { deleteRedisPrefix, redisAvailable } from './testing/redis.ts';
import { TEST_REDIS_URL } from './testing/services.ts';

/**
 * The production server is the bundle (`npm run build -w server`, run by `npm start` and the
 * Docker image), not these sources: this builds it exactly as the build script does, into a
 * folder of its own, and starts it with node on a fresh SQLite file, as a deployment would.
 */
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the compiled server', () => {
  let outDir: string;
  let dataDir: string;
  let server: Started | null = null;
  const redisPrefix = `streetchief-compiled-${process.pid}:`;

  beforeAll(() => {
    fs.mkdirSync(path.join(serverDir, 'dist'), { recursive: true });
    outDir = fs.mkdtempSync(path.join(serverDir, 'dist', 'test-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-compiled-'));
    execFileSync(process.execPath, ['scripts/build.mjs', outDir], { cwd: serverDir, stdio: 'pipe' });
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** `node --enable-source-maps <bundle>/main.js` on this test's SQLite file, until /healthz answers. */
  async function start(extraEnv: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_FILE: path.join(dataDir, 'streetchief.sqlite'),
      SEED: 'demo',
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_SECONDS: '0',
      ...extraEnv,
    };
    // The first start migrates and seeds 30 days of demo history: seconds on a busy machine.
    server = await startUntilHealthy(process.execPath, ['--enable-source-maps', path.join(outDir, 'main.js')], env, `${url}/healthz`, {
      cwd: serverDir,
      timeoutMs: 120_000,
      pollMs: 50,
    });
    return url;
  }

  async function signIn(url: string, username: string): Promise<string> {
    const res = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  it('starts with node alone on a new database, signs in a demo account and writes an XLSX export', async () => {
    const url = await start();
    const health = await fetch(`${url}/healthz`);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);

    const cookie = await signIn(url, 'dispatcher');
    const me = await fetch(`${url}/api/session`, { headers: { cookie } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('dispatcher');

    // exceljs is loaded on first use, from its own chunk of the bundle.
    const xlsx = await fetch(`${url}/api/exports/cases.xlsx?street=350404003`, { headers: { cookie: await signIn(url, 'supervisor') } });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await server!.stop();
  }, 150_000);

  it('starts again on the existing database, with Redis (loaded only then)', async () => {
    const withRedis = await redisAvailable();
    try {
      const url = await start(withRedis ? { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redisPrefix } : {});
      await signIn(url, 'dispatcher');
      await server!.stop();
    } finally {
      if (withRedis) await deleteRedisPrefix(redisPrefix);
    }
  }, 60_000);

  it('runs the operators’ CLI from the bundle too', () => {
    const out = execFileSync(process.execPath, [path.join(outDir, 'cli.js'), '--help'], { cwd: serverDir, encoding: 'utf8' });
    expect(out).toContain('usage: npm run cli -- <command>');
  });
});

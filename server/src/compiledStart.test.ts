import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startUntilHealthy, type Started } from '../scripts/startTime.ts';

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
  let url: string;

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

  it('starts with node alone, answers /healthz and signs in a demo account', async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_FILE: path.join(dataDir, 'streetchief.sqlite'),
      SEED: 'demo',
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_SECONDS: '0',
    };
    // The first start migrates and seeds 30 days of demo history: seconds on a busy machine.
    server = await startUntilHealthy(process.execPath, ['--enable-source-maps', path.join(outDir, 'main.js')], env, `${url}/healthz`, {
      cwd: serverDir,
      timeoutMs: 120_000,
      pollMs: 50,
    });
    const health = await fetch(`${url}/healthz`);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);

    const signIn = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dispatcher', password: 'demo1234' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await fetch(`${url}/api/session`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('dispatcher');
  }, 150_000);

  it('runs the operators’ CLI from the bundle too', () => {
    const out = execFileSync(process.execPath, [path.join(outDir, 'cli.js'), '--help'], { cwd: serverDir, encoding: 'utf8' });
    expect(out).toContain('usage: npm run cli -- <command>');
  });
});

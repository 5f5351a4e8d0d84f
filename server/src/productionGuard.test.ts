import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SAMPLE_ACCOUNTS } from '@streetchief/shared/district/accounts';
import { hashPassword } from './auth/password.ts';
import { Store } from './store/store.ts';
import { insertUser } from './store/userRepo.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-guard-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Start {
  /** Exit code, or null when it came up listening (and was then stopped). */
  code: number | null;
  listening: boolean;
  output: string;
}

/** Start the real server (`tsx server/src/main.ts`) with `env`; resolves when it listens (then stops it) or exits. */
function startMain(env: Record<string, string>): Promise<Start> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0', ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.REDIS_URL;
  for (const k of Object.keys(env)) childEnv[k] = env[k];
  if (!('SEED' in env)) delete childEnv.SEED;
  const child = spawn('npx', ['tsx', 'server/src/main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server neither listened nor exited within 60 s:\n${output}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('StreetChief listening')) {
        child.kill('SIGTERM');
        clearTimeout(timer);
        child.once('exit', () => resolve({ code: null, listening: true, output }));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!output.includes('StreetChief listening')) resolve({ code, listening: false, output });
    });
  });
}

// Each start is its own process (tsx, migrations, scrypt checks): seconds apiece on a busy machine.
describe('NODE_ENV=production', { timeout: 150_000 }, () => {
  it('refuses SEED=demo with a clear message', async () => {
    const r = await startMain({ NODE_ENV: 'production', SEED: 'demo', SQLITE_FILE: path.join(dir, 'demo.sqlite') });
    expect(r.listening).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('SEED=demo is refused with NODE_ENV=production');
    expect(fs.existsSync(path.join(dir, 'demo.sqlite'))).toBe(false);
  });

  it('refuses to start while an enabled account has the demo password, naming it; starts once it is gone', async () => {
    const file = path.join(dir, 'live.sqlite');
    const store = await Store.open({ dialect: 'sqlite', file });
    const user = (id: string, username: string) => ({
      id,
      username,
      displayName: username,
      role: 'dispatcher' as const,
      departmentCode: null,
      streetCode: null,
      gridCodes: [],
    });
    // An account left over from a demo, and one with a password of its own, neither vetted yet.
    await insertUser(store.db, user('u-old', 'old_dispatcher'), await hashPassword(DEMO_PASSWORD));
    await insertUser(store.db, user('u-own', 'own_dispatcher'), await hashPassword('Sanming-Lie-Dong-42'));
    await store.close();

    const refused = await startMain({ NODE_ENV: 'production', SQLITE_FILE: file });
    expect(refused.listening).toBe(false);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('refusing to start with NODE_ENV=production');
    expect(refused.output).toContain('old_dispatcher');
    expect(refused.output).not.toContain('own_dispatcher');

    // Disabled, the demo-password account no longer blocks the start.
    const again = await Store.open({ dialect: 'sqlite', file });
    await again.db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', 'u-old').execute();
    await again.close();
    const started = await startMain({ NODE_ENV: 'production', SQLITE_FILE: file });
    expect(started.listening, started.output).toBe(true);
    // Without SEED, production leaves the database without demo data.
    const after = await Store.open({ dialect: 'sqlite', file });
    expect(await after.getMeta('district_name')).toBeNull();
    // The clean account is remembered as checked: the next start skips its scrypt.
    const vetted = await after.db.selectFrom('users').select(['username', 'password_vetted']).orderBy('username').execute();
    expect(vetted).toEqual([
      { username: 'old_dispatcher', password_vetted: 0 },
      { username: 'own_dispatcher', password_vetted: 1 },
    ]);
    await after.close();
  });

  it('a demo database is refused in production, naming its accounts', async () => {
    const file = path.join(dir, 'was-demo.sqlite');
    const demo = await startMain({ SQLITE_FILE: file });
    expect(demo.listening, demo.output).toBe(true);
    const r = await startMain({ NODE_ENV: 'production', SQLITE_FILE: file });
    expect(r.listening).toBe(false);
    expect(r.output).toContain(`${SAMPLE_ACCOUNTS.length} enabled account(s) still have a published demo password`);
    const named = /demo password \(demo1234\): ([^.]+)\./.exec(r.output)?.[1]?.split(', ');
    expect(named?.sort()).toEqual(SAMPLE_ACCOUNTS.map((a) => a.username).sort());
    const ms = /"checked":(\d+),"ms":(\d+)/.exec(r.output);
    console.log(`production start: ${ms?.[1]} demo accounts checked against the published passwords in ${ms?.[2]} ms`);
  });
});

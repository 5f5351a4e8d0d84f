import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem, type AuditEntry } from '@streetchief/shared/admin/index';
import { configFromEnv } from '../config.ts';
import { startServer } from '../server.ts';
import { runCli } from '../testing/cliProcess.ts';

const PASSWORD = 'Meilie-Command-Centre-7';

let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-cli-accounts-'));
  file = path.join(dir, 'live.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The operator's command line on the test database. */
const cli = (args: string[], stdin = '') => runCli(args, { sqliteFile: file, stdin });

async function signIn(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as any, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

describe('create-admin and reset-password', () => {
  // Each command is its own process (tsx starting, migrating): seconds apiece on a busy machine.
  it(
    'creates the first administrator of an empty database, who signs in on a server started without the demo',
    { timeout: 180_000 },
    async () => {
      const weak = await cli(['create-admin', '--username', 'chief_admin', '--password-stdin'], 'demo1234-admin\n');
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/password: .*demo1234/);

      const made = await cli(
        ['create-admin', '--username', 'chief_admin', '--display-name', '区指挥中心管理员', '--password-stdin', '--no-must-change'],
        `${PASSWORD}\n`,
      );
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain('created administrator chief_admin');
      expect(made.stdout).not.toContain(PASSWORD);

      const again = await cli(['create-admin', '--username', 'chief_admin', '--password-stdin'], `${PASSWORD}\n`);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('username chief_admin is taken');

      // Generated and printed once when no password is piped; to be changed at the first sign-in.
      const second = await cli(['create-admin', '--username', 'night_admin']);
      expect(second.code, second.stderr).toBe(0);
      const generated = /password \(shown once, not stored\): (\S+)/.exec(second.stdout)?.[1];
      expect(generated).toBeDefined();
      expect(passwordProblem(generated!, { username: 'night_admin' })).toBeNull();

      const usage = await cli(['create-admin']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('--username NAME is required');

      const server = await startServer(
        configFromEnv(
          { SQLITE_FILE: file, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0' },
          path.join(dir, 'no-client'),
        ),
        { log: pino({ level: 'silent' }) },
      );
      try {
        const chief = await signIn(server.url, 'chief_admin', PASSWORD);
        expect(chief.status).toBe(200);
        expect(chief.body).toMatchObject({ mustChangePassword: false, user: { role: 'admin', displayName: '区指挥中心管理员' } });
        const night = await signIn(server.url, 'night_admin', generated!);
        expect(night.body.mustChangePassword).toBe(true);

        const audit = await fetch(`${server.url}/api/admin/audit`, { headers: { cookie: chief.cookie } });
        const entries = ((await audit.json()) as { entries: AuditEntry[] }).entries;
        expect(entries.map((e) => [e.action, e.actorId, e.details.username])).toEqual([
          ['user.create', 'cli', 'night_admin'],
          ['user.create', 'cli', 'chief_admin'],
        ]);

        // Locked out: the command line gives the account a new password and ends its sessions.
        const reset = await cli(['reset-password', '--username', 'chief_admin']);
        expect(reset.code, reset.stderr).toBe(0);
        const temp = /password \(shown once, not stored\): (\S+)/.exec(reset.stdout)![1]!;
        expect((await fetch(`${server.url}/api/session`, { headers: { cookie: chief.cookie } })).status).toBe(401);
        expect((await signIn(server.url, 'chief_admin', PASSWORD)).status).toBe(401);
        const back = await signIn(server.url, 'chief_admin', temp);
        expect([back.status, back.body.mustChangePassword]).toEqual([200, true]);
        expect((await cli(['reset-password', '--username', 'nobody'])).stderr).toContain('there is no account nobody');
      } finally {
        await server.close();
      }
    },
  );
});

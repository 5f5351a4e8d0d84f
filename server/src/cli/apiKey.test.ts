import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { configFromEnv } from '../config.ts';
import { startServer } from '../server.ts';
import { runCli } from '../testing/cliProcess.ts';

let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-cli-apikey-'));
  file = path.join(dir, 'live.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The operator's command line on the test database. */
const cli = (args: string[]) => runCli(args, { sqliteFile: file });

it('issues an Open311 key that a client posts with, lists it, and revokes it at once', { timeout: 180_000 }, async () => {
  const server = await startServer(
    configFromEnv(
      { SQLITE_FILE: file, SEED: 'demo', PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0' },
      path.join(dir, 'no-client'),
    ),
    { log: pino({ level: 'silent' }) },
  );
  try {
    const issued = await cli(['api-key', 'issue', '--name', '市民通 App']);
    expect(issued.code, issued.stderr).toBe(0);
    const key = /key \(shown once, not stored\): (\S+)/.exec(issued.stdout)?.[1];
    const id = /\(([0-9a-f-]{36})\)/.exec(issued.stdout)?.[1];
    expect(key).toBeDefined();
    const [lng, lat] = interiorPoint(server.ctx.ref.grids[0]!.polygon)!;
    const send = () =>
      fetch(`${server.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key!, service_code: 'E0101', lat: String(lat), long: String(lng), description: '路灯不亮' }),
      });
    expect((await send()).status).toBe(201);

    const listed = await cli(['api-key', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+open311\\s+live .*市民通 App`));
    expect(listed.stdout).not.toContain(key);

    const revoked = await cli(['api-key', 'revoke', '--id', id!]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await send()).status).toBe(403);
    expect((await cli(['api-key', 'revoke', '--id', id!])).stderr).toContain(`no live key with id ${id}`);
    expect((await cli(['api-key', 'issue'])).code).toBe(2);
  } finally {
    await server.close();
  }
});

import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { backupSqlite } from './backup.ts';
import { restoreSqlite } from './restore.ts';
import type { DatabaseSummary } from './verifyDatabase.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** 小蕉社区第01网格: patrol_liexi may report there. */
const GRID = '35040400200801';

let dir: string;
/** The database the first server writes to while it is backed up. */
let live: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-backup-'));
  live = path.join(dir, 'live.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run an operator command in a child process, with `env` on top of this process's (minus any database settings). */
function cli(command: string[], env: Record<string, string>): Promise<CliRun> {
  const childEnv = { ...process.env };
  delete childEnv.SQLITE_FILE;
  delete childEnv.DATABASE_URL;
  Object.assign(childEnv, env);
  const [file, args] = command[0] === 'npm' ? ['npm', command.slice(1)] : ['npx', ['tsx', 'server/src/cli/main.ts', ...command]];
  return new Promise((resolve) => {
    execFile(file!, args as string[], { cwd: ROOT, env: childEnv, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Concurrent patrols reporting cases with ids they make, recording each id the server acknowledged with 201. */
function startLoad(s: TestServer, cookie: string, point: [number, number], loops: number) {
  const acked: string[] = [];
  const failures: string[] = [];
  let running = true;
  const loop = async (n: number) => {
    while (running) {
      const id = randomUUID();
      const r = await s.api('POST', '/api/incidents', {
        cookie,
        body: { id, category: 'E0101', description: `负载 ${n}-${acked.length}`, lng: point[0], lat: point[1], source: 'patrol' },
      });
      if (r.status === 201) acked.push(id);
      else failures.push(`${r.status} ${JSON.stringify(r.body)}`);
    }
  };
  const all = Array.from({ length: loops }, (_, n) => loop(n));
  return {
    acked,
    /** Resolves once `n` cases have been acknowledged in all. */
    reach: async (n: number) => {
      while (acked.length < n) {
        if (failures.length > 0) throw new Error(`a report failed: ${failures[0]}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    stop: async () => {
      running = false;
      await Promise.all(all);
      return failures;
    },
  };
}

/** Every sequence number of the log as an administrator reads it, in order. */
async function readLog(s: TestServer, cookie: string): Promise<{ seqs: number[]; head: number }> {
  const seqs: number[] = [];
  let head = 0;
  for (;;) {
    const r = await s.api('GET', `/api/events?after=${seqs.at(-1) ?? 0}&limit=1000`, { cookie });
    expect(r.status).toBe(200);
    head = r.body.head;
    if (r.body.events.length === 0) return { seqs, head };
    seqs.push(...r.body.events.map((e: { seq: number }) => e.seq));
  }
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.includes('.tmp-'));

describe('backup of the live SQLite database and restore', () => {
  let casesAtStart = 0;
  const backups: { file: string; summary: DatabaseSummary; ackedBefore: string[]; ackedTotal: string[] }[] = [];

  it('takes consistent backups while four patrols keep reporting, through the function and the CLI', async () => {
    const s = await startTestServer({ sqliteFile: live });
    try {
      const patrol = await s.login('patrol_liexi');
      const point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === GRID)!.polygon)!;
      casesAtStart = (
        await s.store.db
          .selectFrom('incidents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
      const load = startLoad(s, patrol, point, 4);

      await load.reach(40);
      const beforeApi = [...load.acked];
      const apiFile = path.join(dir, 'backups', 'api.sqlite');
      const apiSummary = await backupSqlite(live, apiFile);
      expect(fs.existsSync(apiFile)).toBe(true);
      // A single self-contained file: nothing beside it that the copy would need.
      expect(fs.readdirSync(path.dirname(apiFile))).toEqual(['api.sqlite']);
      expect(apiSummary).toMatchObject({ file: apiFile, bytes: fs.statSync(apiFile).size });
      expect(apiSummary.cases).toBeGreaterThanOrEqual(casesAtStart + beforeApi.length);

      await load.reach(load.acked.length + 40);
      const beforeCli = [...load.acked];
      const cliFile = path.join(dir, 'backups', 'cli.sqlite');
      const run = await cli(['backup', '--to', cliFile], { SQLITE_FILE: live });
      const ackedDuringCli = load.acked.length - beforeCli.length;
      await load.reach(load.acked.length + 20);
      expect(await load.stop()).toEqual([]);

      expect(run, run.stderr).toMatchObject({ code: 0 });
      const line = run.stdout.trim();
      expect(line).toMatch(/^backup .+: [\d.]+ \w+ \(\d+ bytes\), event log head \d+, \d+ cases, schema \w+, integrity ok$/);
      expect(line).toContain(cliFile);
      const [, head, cases] = /event log head (\d+), (\d+) cases/.exec(line)!;
      // The server kept answering while the other process copied its database: the backup is online.
      expect(ackedDuringCli).toBeGreaterThan(0);
      backups.push(
        { file: apiFile, summary: apiSummary, ackedBefore: beforeApi, ackedTotal: [...load.acked] },
        {
          file: cliFile,
          summary: { ...apiSummary, file: cliFile, head: Number(head), cases: Number(cases) },
          ackedBefore: beforeCli,
          ackedTotal: [...load.acked],
        },
      );
      expect(Number(cases)).toBeGreaterThanOrEqual(casesAtStart + beforeCli.length);
    } finally {
      await s.stop();
    }
  }, 180_000);

  it.each([
    ['the function', 0],
    ['the CLI from the repository root', 1],
  ])(
    'a backup restored through %s holds every case acknowledged before it began, and a log without a gap',
    async (_how, i) => {
      const b = backups[i]!;
      const restored = path.join(dir, `restored-${i}.sqlite`);
      if (i === 0) {
        expect(await restoreSqlite(b.file, restored)).toEqual({ ...b.summary, file: restored });
      } else {
        const run = await cli(['npm', 'run', '--silent', 'cli', '--', 'restore', '--from', b.file], { SQLITE_FILE: restored });
        expect(run, run.stderr).toMatchObject({ code: 0 });
        expect(run.stdout.trim()).toBe(
          `restored ${restored}: ${/: (.+? \(\d+ bytes\))/.exec(run.stdout)![1]}, event log head ${b.summary.head}, ${b.summary.cases} cases, schema ${b.summary.migration}, integrity ok`,
        );
      }

      const s = await startTestServer({ sqliteFile: restored });
      try {
        const admin = await s.login('admin');
        const present: string[] = [];
        for (const id of b.ackedTotal) {
          const r = await s.api('GET', `/api/incidents/${id}`, { cookie: admin });
          if (r.status === 200) {
            expect(r.body.history[0]).toMatchObject({ kind: 'report' });
            present.push(id);
          } else expect(r.status).toBe(404);
        }
        const missing = b.ackedBefore.filter((id) => !present.includes(id));
        expect(missing).toEqual([]);
        // Every case in the copy is whole and was acknowledged: no case half written, none made up.
        expect(casesAtStart + present.length).toBe(b.summary.cases);

        const log = await readLog(s, admin);
        expect(log.head).toBe(b.summary.head);
        expect(log.seqs).toEqual(Array.from({ length: log.head }, (_, k) => k + 1));

        // The restored server carries on from the restored head.
        const patrol = await s.login('patrol_liexi');
        const point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === GRID)!.polygon)!;
        const id = randomUUID();
        const r = await s.api('POST', '/api/incidents', {
          cookie: patrol,
          body: { id, category: 'E0101', description: '恢复后', lng: point[0], lat: point[1], source: 'patrol' },
        });
        expect(r.status).toBe(201);
        expect((await s.api('GET', `/api/incidents/${id}`, { cookie: admin })).body.history[0].seq).toBe(b.summary.head + 1);
      } finally {
        await s.stop();
      }
      const check = new Database(restored, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    },
    120_000,
  );

  it('refuses to restore over a database a running server has open, even with --force', async () => {
    const target = path.join(dir, 'restored-0.sqlite');
    const s = await startTestServer({ sqliteFile: target });
    try {
      const head = (await s.api('GET', '/healthz')).body.head;
      await expect(restoreSqlite(backups[1]!.file, target, { force: true })).rejects.toThrow(
        `${target} is in use (a server has it open): stop the server, then restore`,
      );
      expect((await s.api('GET', '/healthz')).body.head).toBe(head);
      expect(leftovers()).toEqual([]);
    } finally {
      await s.stop();
    }
  }, 60_000);

  it('refuses to replace a database that holds data without --force, and replaces it with --force', async () => {
    const target = path.join(dir, 'restored-0.sqlite');
    const before = sha256(target);
    const b = backups[1]!;
    await expect(restoreSqlite(b.file, target)).rejects.toThrow(`${target} already holds a database: pass --force to replace it`);
    expect(sha256(target)).toBe(before);
    expect(leftovers()).toEqual([]);

    expect(await restoreSqlite(b.file, target, { force: true })).toMatchObject({
      file: target,
      head: b.summary.head,
      cases: b.summary.cases,
    });
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
  });

  it('refuses a file that is not a whole StreetChief database, saying why, and leaves the target alone', async () => {
    const target = path.join(dir, 'never.sqlite');
    const garbage = path.join(dir, 'garbage.bin');
    fs.writeFileSync(garbage, Buffer.from('this is not a database, just some bytes '.repeat(200)));
    const run = await cli(['restore', '--from', garbage], { SQLITE_FILE: target });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`restore: ${garbage} is not an SQLite database`);

    const foreign = path.join(dir, 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)');
    other.close();
    await expect(restoreSqlite(foreign, target)).rejects.toThrow(
      `${foreign} is an SQLite database but not a StreetChief one: it has no kysely_migration, counters, events, incidents table`,
    );

    // Scribble over the header of every b-tree page after the first: the backup's structure is gone.
    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(backups[0]!.file);
    const pageSize = bytes.readUInt16BE(16);
    for (let off = pageSize; off < bytes.length; off += pageSize) bytes.fill(0xee, off, off + 12);
    fs.writeFileSync(damaged, bytes);
    await expect(restoreSqlite(damaged, target)).rejects.toThrow(`${damaged} is damaged`);

    // A copy made the old way, the database file with a write-ahead log beside it.
    const naive = path.join(dir, 'naive.sqlite');
    fs.copyFileSync(backups[0]!.file, naive);
    fs.writeFileSync(`${naive}-wal`, Buffer.alloc(4096, 1));
    await expect(restoreSqlite(naive, target)).rejects.toThrow(`${naive} has a write-ahead log beside it`);

    expect(fs.existsSync(target)).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it('on PostgreSQL, prints the pg_dump and pg_restore commands instead of copying anything', async () => {
    const env = { DATABASE_URL: 'postgres://ops:s3cret@127.0.0.1:5432/streetchief' };
    const dump = path.join(dir, 'district.dump');
    const backup = await cli(['backup', '--to', dump], env);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('backup: this deployment stores its data in PostgreSQL');
    expect(backup.stderr).toContain(`pg_dump --format=custom --file=${dump} "$DATABASE_URL"`);
    expect(backup.stderr).toContain(`pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" ${dump}`);
    expect(backup.stderr).not.toContain('s3cret');
    expect(fs.existsSync(dump)).toBe(false);

    const restore = await cli(['restore', '--from', dump], env);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain(`pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" ${dump}`);
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { configFromEnv } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';
import { dropSchema, PG_LOCK_TIMEOUT_MS, SQLITE_BUSY_TIMEOUT_MS, type DbConfig } from '../store/connect.ts';
import { headSeq } from '../store/eventLog.ts';
import { classifyStorageError } from '../store/storageErrors.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';

/** A real server whose log lines are kept, to check what an operator would read. */
interface Logged {
  server: RunningServer;
  lines: () => { level: number; msg: string; err?: { message?: string; code?: string }; rollbackError?: { message?: string } }[];
  cookie: string;
  stop: () => Promise<void>;
}

async function startLogged(db: (dir: string) => DbConfig): Promise<Logged> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-faults-'));
  const raw: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void raw.push(line) });
  const cfg = {
    ...configFromEnv({ PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0' }, path.join(dir, 'no-client')),
    db: db(dir),
  };
  const server = await startServer(cfg, { log });
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'patrol_liexi', password: 'demo1234' }),
  });
  expect(res.status).toBe(200);
  return {
    server,
    lines: () => raw.map((l) => JSON.parse(l)),
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
    stop: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new problem report from a patrol: one transaction writing the case, its event and the sequence counter. */
function reportBody(s: Logged) {
  const [lng, lat] = interiorPoint(s.server.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
  return { id: randomUUID(), category: 'E0101', description: '路边有暴露垃圾', lng, lat, source: 'patrol' };
}

async function post(s: Logged, body: unknown) {
  const t = performance.now();
  const res = await fetch(`${s.server.url}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json(), ms: performance.now() - t };
}

async function caseCount(s: Logged): Promise<number> {
  const row = await s.server.store.db
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cases and the log head before a failing write, to show afterwards that nothing of it was kept. */
async function snapshot(s: Logged) {
  return { cases: await caseCount(s), head: await headSeq(s.server.store.db) };
}

/** The failed write is named by its real cause in the log, with the failed ROLLBACK (if any) beside it. */
function expectLoggedCause(s: Logged, from: number, message: string, driverMessage: RegExp) {
  const lines = s.lines().slice(from);
  const cause = lines.find((l) => l.msg === message);
  expect(cause, `log has "${message}"; got ${JSON.stringify(lines.map((l) => l.msg))}`).toBeDefined();
  expect(cause!.level).toBe(50);
  expect(cause!.err?.message).toMatch(driverMessage);
  // "cannot rollback" may appear, but only next to the real cause, never in its place.
  for (const l of lines) {
    if (JSON.stringify(l).includes('cannot rollback')) expect(l.msg).toBe(message);
    expect(l.msg).not.toBe('request failed');
  }
}

describe('storage faults on SQLite', () => {
  let s: Logged;
  let file: string;
  beforeAll(async () => {
    s = await startLogged((dir) => ({ dialect: 'sqlite', file: (file = path.join(dir, 'faults.sqlite')) }));
  });
  afterAll(() => s?.stop());

  it('a full disk: the write answers 503 with Retry-After, the log says "disk full (SQLITE_FULL)", nothing is half-written, and the same write succeeds once there is room', async () => {
    const db = s.server.store.db;
    // Packed pages and no room to grow: the next write that needs a page hits SQLITE_FULL, the
    // code SQLite returns for a full disk, through the server's own connection.
    await sql`VACUUM`.execute(db);
    const pages = (await sql<{ page_count: number }>`PRAGMA page_count`.execute(db)).rows[0]!.page_count;
    await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(db);
    const before = await snapshot(s);
    const from = s.lines().length;
    const body = reportBody(s);
    const full = await post(s, body);
    expect(full.status).toBe(503);
    expect(full.body).toEqual({ error: 'storage_unavailable', reason: 'disk full' });
    expect(Number(full.retryAfter)).toBeGreaterThan(0);
    expectLoggedCause(s, from, 'storage failure: disk full (SQLITE_FULL)', /database or disk is full/);
    expect(await snapshot(s)).toEqual(before);

    await sql`PRAGMA max_page_count = 1073741823`.execute(db);
    const retried = await post(s, body);
    expect(retried.status).toBe(201);
    expect(await caseCount(s)).toBe(before.cases + 1);
    expect(await headSeq(db)).toBeGreaterThan(before.head);
  });

  it('a read-only database: 503 "database is read-only" with Retry-After, logged as SQLITE_READONLY, nothing written', async () => {
    const db = s.server.store.db;
    await sql`PRAGMA query_only = 1`.execute(db);
    const before = await snapshot(s);
    const from = s.lines().length;
    const body = reportBody(s);
    const ro = await post(s, body);
    await sql`PRAGMA query_only = 0`.execute(db);
    expect(ro.status).toBe(503);
    expect(ro.body).toEqual({ error: 'storage_unavailable', reason: 'database is read-only' });
    expect(Number(ro.retryAfter)).toBeGreaterThan(0);
    expectLoggedCause(s, from, 'storage failure: database is read-only (SQLITE_READONLY)', /readonly/);
    expect(await snapshot(s)).toEqual(before);
    expect((await post(s, body)).status).toBe(201);
  });

  it('another process holding the write lock: 503 "database is locked" with Retry-After after the busy timeout; after release nothing is lost', async () => {
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      other.prepare(`INSERT INTO meta (key, value) VALUES ('other_process', 'kept')`).run();
      const before = await snapshot(s);
      const from = s.lines().length;
      const body = reportBody(s);
      const locked = await post(s, body);
      expect(locked.status).toBe(503);
      expect(locked.body).toEqual({ error: 'storage_unavailable', reason: 'database is locked' });
      expect(Number(locked.retryAfter)).toBeGreaterThan(0);
      expect(locked.ms).toBeGreaterThanOrEqual(SQLITE_BUSY_TIMEOUT_MS * 0.9);
      expectLoggedCause(s, from, 'storage failure: database is locked (SQLITE_BUSY)', /locked/);
      other.exec('COMMIT');
      expect(await snapshot(s)).toEqual(before);
      expect((await post(s, body)).status).toBe(201);
      expect(await caseCount(s)).toBe(before.cases + 1);
      expect(await s.server.store.getMeta('other_process')).toBe('kept');
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });

  it('/healthz answers 503 with Retry-After once the database is gone (run last: it closes the store)', async () => {
    expect((await fetch(`${s.server.url}/healthz`)).status).toBe(200);
    await s.server.store.close();
    const from = s.lines().length;
    const res = await fetch(`${s.server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ ok: false, error: 'storage_unavailable' });
    expect(
      s
        .lines()
        .slice(from)
        .some((l) => l.msg === 'health check failed' && l.level === 50),
    ).toBe(true);
  });
});

const hasPg = await postgresAvailable();

describe.runIf(hasPg)('storage faults on PostgreSQL', () => {
  const role = uniqueSchema('sc_faults_role');
  const schema = uniqueSchema('sc_faults');
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  let s: Logged;
  const terminateServerConnections = async () => {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1', [role]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Let the pool hear that its idle connections are gone before the next request.
    await new Promise((r) => setTimeout(r, 200));
  };

  beforeAll(async () => {
    await admin.connect();
    const { rows } = await admin.query('SELECT current_database() AS db');
    // The server signs in as its own role, so the tests can change that role's settings alone.
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'faults'`);
    await admin.query(`GRANT CREATE ON DATABASE ${rows[0].db} TO ${role}`);
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = 'faults';
    s = await startLogged(() => ({ dialect: 'postgres', url: url.toString(), schema }));
  });
  afterAll(async () => {
    await s?.stop();
    await dropSchema(TEST_DATABASE_URL, schema);
    const { rows } = await admin.query('SELECT current_database() AS db');
    await admin.query(`REVOKE CREATE ON DATABASE ${rows[0].db} FROM ${role}`);
    await admin.query(`DROP OWNED BY ${role}`);
    await admin.query(`DROP ROLE ${role}`);
    await admin.end();
  });

  it('a row lock held by another session: 503 "database is locked" after the lock timeout, nothing half-written, the same write succeeds after release', async () => {
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT value FROM counters WHERE name = 'event_seq' FOR UPDATE`);
      const before = await snapshot(s);
      const from = s.lines().length;
      const body = reportBody(s);
      const locked = await post(s, body);
      expect(locked.status).toBe(503);
      expect(locked.body).toEqual({ error: 'storage_unavailable', reason: 'database is locked' });
      expect(Number(locked.retryAfter)).toBeGreaterThan(0);
      expect(locked.ms).toBeGreaterThanOrEqual(PG_LOCK_TIMEOUT_MS * 0.9);
      expectLoggedCause(s, from, 'storage failure: database is locked (55P03)', /lock timeout/);
      // Meanwhile the node kept serving.
      expect((await fetch(`${s.server.url}/healthz`)).status).toBe(200);
      await other.query('COMMIT');
      expect(await snapshot(s)).toEqual(before);
      expect((await post(s, body)).status).toBe(201);
      expect(await caseCount(s)).toBe(before.cases + 1);
    } finally {
      await other.end();
    }
  }, 30_000);

  it('connections cut by the server and then a read-only database: the node survives, writes answer 503 "database is read-only", and work again when writable', async () => {
    await admin.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
    try {
      await terminateServerConnections();
      const before = await snapshot(s);
      const from = s.lines().length;
      const body = reportBody(s);
      const ro = await post(s, body);
      expect(ro.status).toBe(503);
      expect(ro.body).toEqual({ error: 'storage_unavailable', reason: 'database is read-only' });
      expect(Number(ro.retryAfter)).toBeGreaterThan(0);
      expectLoggedCause(s, from, 'storage failure: database is read-only (25006)', /read-only transaction/);
      expect(await snapshot(s)).toEqual(before);
    } finally {
      await admin.query(`ALTER ROLE ${role} RESET default_transaction_read_only`);
    }
    await terminateServerConnections();
    expect((await post(s, reportBody(s))).status).toBe(201);
  }, 30_000);

  it('/healthz answers 503 "too many connections" when the server refuses new connections, 200 again afterwards', async () => {
    await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT 0`);
    try {
      await terminateServerConnections();
      const from = s.lines().length;
      const res = await fetch(`${s.server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toEqual({ ok: false, error: 'storage_unavailable', reason: 'too many connections to the database' });
      expect(
        s
          .lines()
          .slice(from)
          .some((l) => l.msg === 'storage failure: too many connections to the database (53300)'),
      ).toBe(true);
    } finally {
      await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT -1`);
    }
    const again = await fetch(`${s.server.url}/healthz`);
    expect(again.status).toBe(200);
  }, 30_000);
});

describe('classifying driver errors', () => {
  it('names the cause of SQLite extended codes, PostgreSQL SQLSTATEs and socket errors, through causes and AggregateErrors; leaves other errors alone', () => {
    const e = (code: string, message = code) => Object.assign(new Error(message), { code });
    expect(classifyStorageError(e('SQLITE_IOERR_WRITE'))).toMatchObject({ code: 'SQLITE_IOERR_WRITE', reason: 'disk I/O error' });
    expect(classifyStorageError(e('SQLITE_BUSY_SNAPSHOT'))).toMatchObject({ reason: 'database is locked' });
    expect(classifyStorageError(e('SQLITE_CANTOPEN'))).toMatchObject({ reason: 'cannot open the database file' });
    expect(classifyStorageError(e('53100'))).toMatchObject({ reason: 'disk full' });
    expect(classifyStorageError(e('40001'))?.reason).toMatch(/serialization/);
    expect(classifyStorageError(e('40P01'))?.reason).toMatch(/deadlock/);
    expect(classifyStorageError(e('57P01'))?.reason).toMatch(/shutting down/);
    const refused = new AggregateError([e('ECONNREFUSED')], 'connect failed');
    expect(classifyStorageError(new Error('query failed', { cause: refused }))).toMatchObject({
      code: 'ECONNREFUSED',
      reason: 'connection refused',
    });
    expect(classifyStorageError(new Error('Connection terminated unexpectedly'))?.reason).toBe('database connection lost');
    expect(classifyStorageError(e('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(classifyStorageError(e('23505'))).toBeNull();
    expect(classifyStorageError(new Error('boom'))).toBeNull();
    expect(classifyStorageError('not an error')).toBeNull();
  });
});

import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CatchUpSchema, PROTOCOL_VERSION, SocketAuthSchema, type User } from '@streetchief/shared';
import { dayOf } from '@streetchief/shared/calendar/day';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { anyText, derive, junkValue } from '../testing/arbitraries.ts';
import { registeredRoutes, routeKey, ROUTES, type RouteSpec } from '../testing/routeTable.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/**
 * Property-based fuzzing of every HTTP route (testing/routeTable.ts) and every Socket.IO client
 * event, with values generated from the zod schemas the server parses with, mutants of them, and
 * plain garbage (wrong types, malformed or oversized JSON, wrong content types, repeated and
 * bracketed query keys, broken percent-encoding, forged cookies, odd X-Forwarded-For). On a real
 * server (demo district, SQLite), signed in as a role that may use the route, anonymously and
 * with a forged cookie, each answer must be below 500, come within 2 s, carry a JSON `error` when
 * it is a 4xx, and a 4xx must leave the database as it was (the log head from /healthz, the row
 * count of every table, SQLite's data_version). Runs are seeded: a failure prints the
 * seed and the shrunk request; FUZZ_SEED and FUZZ_RUNS override both for a longer hunt, and
 * FUZZ_DEBUG=1 prints every refusal (to see which parser stops the generated requests).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_808);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const TIME_BOUND_MS = 2000;

let s: TestServer;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-fuzz-'));
const sqliteFile = path.join(workDir, 'fuzz.sqlite');
/** A read-only connection of the test's own to the server's database. */
let watcher: Database.Database;
let countRows: Database.Statement;
/** Cookie of each demo account the table names. */
const cookies = new Map<string, string>();
let hints: Record<string, fc.Arbitrary<unknown>>;
/** Ids that exist (cases, a patrol, a photo, an account, a display), so generated paths reach real rows. */
let knownIds: string[];
/** The enrollment code of the display made for the fuzzer. */
let enrollmentCodes: string[] = [];
const statusCounts = new Map<string, Map<number, number>>();
let requests = 0;
/** The slowest answer seen, for the summary: how far the runs are from the time bound. */
let slowest = { ms: 0, what: '' };

beforeAll(async () => {
  // Trust the loopback proxy so sign-in attempts can come from many addresses: the fuzzer's
  // failed sign-ins must not lock the test's own address out of the limiter.
  s = await startTestServer({ trustProxy: ['loopback'], sqliteFile });
  watcher = new Database(sqliteFile, { readonly: true });
  const tables = watcher
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .pluck()
    .all() as string[];
  countRows = watcher.prepare(`select ${tables.map((n) => `(select count(*) from "${n}") as "${n}"`).join(', ')}`);
  for (const name of new Set(ROUTES.map((r) => r.as ?? 'wall'))) cookies.set(name, await s.login(name));
  const patrolUser = (await s.api<{ user: User }>('GET', '/api/session', { cookie: cookies.get('patrol_liexi') })).body.user;
  const ref = s.ctx.ref;
  const inMyGrids = ref.grids.filter((g) => patrolUser.gridCodes.includes(g.code)).map((g) => interiorPoint(g.polygon)!);
  const anywhere = ref.grids.slice(0, 20).map((g) => interiorPoint(g.polygon)!);
  const points = [...inMyGrids, ...anywhere];
  // A case each of the fuzzed roles can see, a patrol and a photo of patrol_liexi's.
  const cases = [
    ...(await s.api('GET', '/api/incidents?limit=3', { cookie: cookies.get('patrol_liexi') })).body.items,
    ...(await s.api('GET', '/api/incidents?limit=3', { cookie: cookies.get('dispatcher') })).body.items,
  ] as { id: string; version: number }[];
  const patrolId = randomUUID();
  const started = await s.api('POST', '/api/patrols', {
    cookie: cookies.get('patrol_liexi'),
    body: { id: patrolId, at: new Date().toISOString() },
  });
  expect(started.status).toBe(201);
  const photoId = randomUUID();
  const photo = await fetch(`${s.url}/api/photos?id=${photoId}`, {
    method: 'POST',
    headers: { cookie: cookies.get('patrol_liexi')!, 'content-type': 'image/png' },
    body: PNG,
  });
  expect(photo.status).toBe(201);
  // An account and a display of the fuzzer's own, so disable, reset and revoke reach real rows
  // without touching the accounts the test signs in with.
  const admin = cookies.get('admin');
  const target = await s.api('POST', '/api/admin/users', {
    cookie: admin,
    body: { username: 'fuzz.target', displayName: '模糊测试', role: 'dispatcher' },
  });
  expect(target.status).toBe(201);
  const display = await s.api('POST', '/api/admin/displays', { cookie: admin, body: { name: '模糊测试大屏' } });
  expect(display.status).toBe(201);
  knownIds = [...cases.map((c) => c.id), patrolId, photoId, target.body.user.id, display.body.display.id];
  enrollmentCodes = [display.body.enrollment.code];
  const pointArb = fc.constantFrom(...points);
  hints = {
    category: fc.constantFrom(...[...ref.classes.keys()].slice(0, 30)),
    leadDept: fc.constantFrom(...ref.departments.keys()),
    department: fc.constantFrom(...ref.departments.keys()),
    gridCode: fc.constantFrom(...ref.grids.slice(0, 30).map((g) => g.code)),
    grid: fc.constantFrom(...ref.grids.slice(0, 30).map((g) => g.code)),
    street: fc.constantFrom(...ref.streets.map((st) => st.code)),
    expectedVersion: fc.constantFrom(...cases.map((c) => c.version), 1),
    code: fc.constantFrom(...enrollmentCodes, 'ABCD-EFGH-JKLM'),
    lng: pointArb.map((p) => p[0]),
    lat: pointArb.map((p) => p[1]),
    photoIds: fc.constantFrom([], [photoId]),
    username: fc.constantFrom('wall', 'nobody', 'admin '),
    // Accounts: mostly without a scope, which most roles require to be empty.
    departmentCode: fc.constantFrom(null, null, ...[...ref.departments.keys()].slice(0, 3)),
    streetCode: fc.constantFrom(null, null, ...ref.streets.map((st) => st.code)),
    gridCodes: fc.constantFrom([], [], [ref.grids[0]!.code]),
    password: fc.constantFrom('demo1234', 'demo1234 ', ''),
    // Daily reports are for the last week only.
    day: fc.integer({ min: -7, max: 0 }).map((d) => dayOf(new Date(Date.now() + d * 86_400_000))),
  };
});

afterAll(async () => {
  if (!s) return;
  const byStatus = new Map<number, number>();
  const lines: string[] = [];
  for (const [route, counts] of statusCounts) {
    lines.push(
      `  ${route.padEnd(44)} ${[...counts]
        .sort(([a], [b]) => a - b)
        .map(([st, n]) => `${st}×${n}`)
        .join(' ')}`,
    );
    for (const [st, n] of counts) byStatus.set(st, (byStatus.get(st) ?? 0) + n);
  }
  const total = [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([st, n]) => `${st}×${n}`)
    .join(' ');
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs a route, ${requests} HTTP requests: ${total}\n${lines.join('\n')}`);
  console.log(`slowest answer: ${Math.round(slowest.ms)} ms, ${slowest.what}`);
  watcher?.close();
  await s.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** One generated HTTP request. */
interface FuzzRequest {
  identity: 'role' | 'anonymous' | 'forged';
  path: string;
  query: string;
  contentType?: string;
  body?: string | Uint8Array;
  headers: Record<string, string>;
}

type BodyPart = Pick<FuzzRequest, 'body' | 'contentType' | 'headers'>;

/** Percent-encode, keeping lone surrogates as the malformed bytes a client might really send. */
function enc(v: unknown): string {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

/** A generated value as a query string: arrays repeat the key, objects become `k[sub]=`, null a bare key. */
function toQuery(v: unknown): string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v === undefined ? '' : `q=${enc(v)}`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (x === null) parts.push(enc(k));
    else if (Array.isArray(x)) for (const e of x.slice(0, 5)) parts.push(`${enc(k)}=${enc(e)}`);
    else if (typeof x === 'object') for (const [sk, sx] of Object.entries(x).slice(0, 3)) parts.push(`${enc(k)}[${enc(sk)}]=${enc(sx)}`);
    else parts.push(`${enc(k)}=${enc(x)}`);
  }
  return parts.join('&');
}

/** Query strings that trip naive parsers, over the route's own keys and others. */
function weirdQuery(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...keys, 'from', 'id', '__proto__', 'constructor'), fc.string({ maxLength: 6 }).map(enc));
  return fc.oneof(
    key.map((k) => `${k}=1&${k}=2`),
    key.map((k) => `${k}[$gt]=`),
    key.map((k) => `${k}[]=x&${k}[]=y`),
    key.map((k) => `${k}[a][b][c]=d`),
    key.map((k) => `${k}[0]=x&${k}[1]=y`),
    key.map((k) => k),
    key.map((k) => `=${k}`),
    key.map((k) => `${k}=%E0%A4%A&${k}=%`),
    key.map((k) => `${k}=${'9'.repeat(400)}`),
    key.map((k) => `${k}=${'a'.repeat(12_000)}`),
    fc.constantFrom('&&&', '=', '%', '%%20', '?', '#', ';', 'a=b;c=d', '+++', '\u00e9=\u00e9'),
    fc.array(fc.tuple(key, anyText), { maxLength: 6 }).map((kv) => kv.map(([k, x]) => `${k}=${enc(x)}`).join('&')),
  );
}

/** What a query schema's route gets: derived values, mutants, weird strings, or mixtures. */
function queryArb(r: RouteSpec): fc.Arbitrary<string> {
  const keys = r.query ? Object.keys(queryShape(r.query)) : ['q'];
  const derived = r.query
    ? fc.oneof(
        { weight: 4, arbitrary: derive(r.query, { mutate: false, channel: 'text', hints }).map(toQuery) },
        { weight: 4, arbitrary: derive(r.query, { mutate: true, channel: 'text', hints }).map(toQuery) },
      )
    : fc.constant('');
  return fc.oneof(
    { weight: 8, arbitrary: derived },
    { weight: 2, arbitrary: weirdQuery(keys) },
    { weight: 1, arbitrary: fc.tuple(derived, weirdQuery(keys)).map(([a, b]) => [a, b].filter(Boolean).join('&')) },
  );
}

function queryShape(schema: unknown): Record<string, unknown> {
  const def = (schema as { _zod: { def: { type: string; shape?: object; left?: unknown; in?: unknown } } })._zod.def;
  if (def.shape) return def.shape as Record<string, unknown>;
  if (def.type === 'intersection') return queryShape(def.left);
  if (def.type === 'pipe') return queryShape(def.in);
  return {};
}

/** Path segments beyond what the schema says: broken escapes, encoded slashes, NUL, huge. */
const WEIRD_SEGMENTS = ['%E0%A4%A', '%', '%2F', '%2e%2e', '%00', 'null', 'undefined', '0', '-1', '%20', 'a'.repeat(3000), '%F0%9F%98%80'];

function paramArb(name: string, schema: z.ZodType) {
  const known = name === 'id' ? [fc.constantFrom(...knownIds)] : [];
  return fc.oneof(
    ...known.map((a) => ({ weight: 3, arbitrary: a.map(enc) })),
    { weight: 3, arbitrary: derive(schema, { mutate: false, channel: 'text' }).map(enc) },
    { weight: 3, arbitrary: derive(schema, { mutate: true, channel: 'text' }).map(enc) },
    { weight: 1, arbitrary: fc.constantFrom(...WEIRD_SEGMENTS) },
  );
}

function pathArb(r: RouteSpec): fc.Arbitrary<string> {
  const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (names.length === 0) return fc.constant(r.path);
  return fc.tuple(...names.map((n) => paramArb(n, r.params?.[n] ?? anyTextSchema))).map((values) => {
    let path = r.path;
    names.forEach((n, i) => (path = path.replace(`:${n}`, values[i]!)));
    return path;
  });
}
const anyTextSchema = z.string();

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=koi8-r',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/vnd.api+json',
  'application/json-patch+json',
  '*/*',
  'json',
];

const MALFORMED_JSON = [
  '{',
  '{"a":',
  "{'a':1}",
  '[1,2',
  '{"a":1}}',
  'nul',
  '\u0000',
  '{"a":NaN}',
  '{"a":1e99999}',
  '"\\ud800"',
  '\ufeff{}',
  '',
];

/** A JSON route's body: derived (valid or mutant), any JSON, malformed text, a wrong type, none, or too big. */
function jsonBodyArb(schema: z.ZodType): fc.Arbitrary<BodyPart> {
  const asJson = (v: unknown) => ({ body: JSON.stringify(v) ?? 'null', contentType: 'application/json', headers: {} });
  return fc.oneof(
    { weight: 5, arbitrary: derive(schema, { mutate: false, channel: 'json', hints }).map(asJson) },
    { weight: 5, arbitrary: derive(schema, { mutate: true, channel: 'json', hints }).map(asJson) },
    { weight: 1, arbitrary: junkValue.map(asJson) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((body) => ({ body, contentType: 'application/json', headers: {} })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(derive(schema, { mutate: false, channel: 'json', hints }), fc.constantFrom(...JSON_TYPES, undefined))
        .map(([v, contentType]) => ({ body: JSON.stringify(v), contentType, headers: {} })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-junk').map((enc) => ({
        body: '{"a":1}',
        contentType: 'application/json',
        headers: { 'content-encoding': enc },
      })),
    },
    { weight: 1, arbitrary: fc.constant({ headers: {} }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 64 * 1024, max: 80 * 1024 }).map((n) => asJson({ description: 'x'.repeat(n), id: randomUUID() })),
    },
  );
}

const IMAGE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/octet-stream',
  'image/gif',
  'image/svg+xml',
  'text/plain',
  'application/json',
  'image/jpeg; charset=x',
  'IMAGE/PNG',
];
const FILE_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/geo+json',
  'application/json',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/png',
  'multipart/form-data',
];

const bytes = (...parts: (number[] | Uint8Array | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** A raw upload: an image route's bytes (real magic, fake magic, junk) or an import's file. */
function rawBodyArb(kind: 'image' | 'file'): fc.Arbitrary<BodyPart> {
  const junk = fc.uint8Array({ maxLength: 3000 });
  const content =
    kind === 'image'
      ? fc.oneof(
          junk.map((b) => bytes(b)),
          junk.map((b) => bytes([0xff, 0xd8, 0xff], b)),
          junk.map((b) => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], b)),
          junk.map((b) => bytes('RIFF\0\0\0\0WEBP', b)),
          fc.constant(PNG),
          fc.constant(Buffer.alloc(0)),
        )
      : fc.oneof(
          junk.map((b) => bytes(b)),
          fc
            .array(fc.array(anyText, { maxLength: 6 }), { maxLength: 8 })
            .map((rows) => Buffer.from(rows.map((r) => r.join(',')).join('\n'))),
          fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))),
          fc.constant(
            Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: {} }] })),
          ),
          junk.map((b) => bytes('PK\u0003\u0004', b)),
          fc.constant(Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6])),
          fc.constant(Buffer.alloc(0)),
        );
  return fc.tuple(content, fc.constantFrom(...(kind === 'image' ? IMAGE_TYPES : FILE_TYPES), undefined)).map(([body, contentType]) => ({
    body: new Uint8Array(body),
    contentType,
    headers: {},
  }));
}

const octet = fc.integer({ min: 0, max: 255 });
/** X-Forwarded-For values: many addresses (sign-in limits count per address), lists, and junk. */
const forwardedFor = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '::1',
      'fe80::1%eth0',
      '::ffff:10.0.0.1',
      'unknown',
      '',
      '1.2.3.4, 5.6.7.8',
      ' , ,',
      '999.1.1.1',
      'a'.repeat(500),
      '[::1]:80',
    ),
  },
);

function requestArb(r: RouteSpec): fc.Arbitrary<FuzzRequest> {
  const body =
    r.body === undefined
      ? fc.constant<BodyPart>({ headers: {} })
      : 'raw' in r.body
        ? rawBodyArb((r.body as { raw: 'image' | 'file' }).raw)
        : jsonBodyArb(r.body as z.ZodType);
  return fc
    .record({
      identity: fc.constantFrom('role' as const, 'role' as const, 'role' as const, 'anonymous' as const, 'forged' as const),
      path: pathArb(r),
      query: r.query ? queryArb(r) : fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: weirdQuery(['q']) }),
      body,
      xff: forwardedFor,
    })
    .map(({ identity, path, query, body, xff }) => ({
      identity,
      path,
      query,
      body: body.body,
      contentType: body.contentType,
      headers: { ...body.headers, 'x-forwarded-for': xff },
    }));
}

/** The database's state as far as a refused request could have changed it. */
/**
 * The database's state as far as a refused request could have changed it: the log head from
 * /healthz, the row count of every table, and SQLite's data_version as read by a connection of
 * our own, which moves whenever the server's connection commits anything (an update in place too).
 */
async function snapshot(): Promise<string> {
  const health = await fetch(`${s.url}/healthz`, { signal: AbortSignal.timeout(TIME_BOUND_MS) });
  expect(health.status).toBe(200);
  const { head } = (await health.json()) as { head: number };
  const counts = countRows.get() as Record<string, number>;
  const version = watcher.pragma('data_version', { simple: true }) as number;
  return `head ${head}, data_version ${version}, rows ${JSON.stringify(counts)}`;
}

function count(route: string, status: number): void {
  requests++;
  const m = statusCounts.get(route) ?? new Map<number, number>();
  m.set(status, (m.get(status) ?? 0) + 1);
  statusCounts.set(route, m);
}

/** What is wrong with an Open311 error answer: a list of {code, description}, code = the status, as JSON or XML. */
function open311ErrorProblem(status: number, text: string, type: string): string | null {
  if (/xml/.test(type)) {
    const m = /^<\?xml[^>]*\?><errors><error><code>(\d+)<\/code><description>[^<]*<\/description><\/error><\/errors>$/.exec(text);
    return m && Number(m[1]) === status ? null : `${status} without an Open311 XML error: ${text.slice(0, 200)}`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `${status} without a JSON body: ${text.slice(0, 200)}`;
  }
  const first = Array.isArray(parsed) ? (parsed[0] as { code?: unknown; description?: unknown } | undefined) : undefined;
  return first?.code === status && typeof first.description === 'string'
    ? null
    : `${status} without an Open311 error: ${text.slice(0, 200)}`;
}

/** Send one request and check the properties every answer must have. */
async function check(r: RouteSpec, req: FuzzRequest, cookie: string | undefined): Promise<number> {
  const before = await snapshot();
  const url = `${s.url}${req.path}${req.query ? `?${req.query}` : ''}`;
  const headers: Record<string, string> = { ...req.headers };
  if (cookie) headers.cookie = cookie;
  if (req.contentType) headers['content-type'] = req.contentType;
  const what = `${r.method} ${url.slice(0, 300)} as ${req.identity} (${req.contentType ?? 'no type'}, ${req.body?.length ?? 0} bytes)`;
  const t0 = performance.now();
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: r.method,
      headers,
      body: req.body as BodyInit | undefined,
      signal: AbortSignal.timeout(TIME_BOUND_MS),
    });
    text = await res.text();
  } catch (err) {
    throw new Error(`${what}: no answer within ${TIME_BOUND_MS} ms (${(err as Error).message})`);
  }
  const ms = performance.now() - t0;
  count(routeKey(r), res.status);
  if (ms > slowest.ms) slowest = { ms, what: `${res.status} ${what.slice(0, 160)}` };
  if (res.status >= 500) throw new Error(`${what}: ${res.status} ${text.slice(0, 300)}`);
  if (ms > TIME_BOUND_MS) throw new Error(`${what}: answered after ${Math.round(ms)} ms`);
  // 431: Node's HTTP parser refuses a request line or headers over its limit before any of the
  // app runs, with no body; the app cannot have written anything, and the check below says so.
  if (res.status === 431) {
    if ((await snapshot()) !== before) throw new Error(`${what}: answered 431 but wrote`);
    return res.status;
  }
  if (res.status >= 400 && req.path.startsWith('/open311/')) {
    // Open311 answers errors in the spec's shape, in the format the path asked for.
    const problem = open311ErrorProblem(res.status, text, res.headers.get('content-type') ?? '');
    if (problem) throw new Error(`${what}: ${problem}`);
  } else if (res.status >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${what}: ${res.status} without a JSON body: ${text.slice(0, 200)}`);
    }
    if (process.env.FUZZ_DEBUG) console.log('DBG', routeKey(r), req.identity, res.status, text.slice(0, 160));
    // An import's 422 is its report: every problem of the file, not one error.
    const report = res.status === 422 && Array.isArray((parsed as { problems?: unknown })?.problems);
    if (typeof (parsed as { error?: unknown })?.error !== 'string' && !report)
      throw new Error(`${what}: ${res.status} without error: ${text.slice(0, 200)}`);
    const after = await snapshot();
    if (after !== before) throw new Error(`${what}: answered ${res.status} but wrote (${before} → ${after}): ${text.slice(0, 200)}`);
  }
  return res.status;
}

async function cookieFor(r: RouteSpec, identity: FuzzRequest['identity']): Promise<string | undefined> {
  if (identity === 'anonymous') return undefined;
  if (identity === 'forged') return `sc_session=${randomUUID()}; sc_session=../../x`;
  const name = r.as ?? 'wall';
  return r.endsSession ? s.login(name) : cookies.get(name);
}

/** Stable per-route seed: adding a route leaves the others' runs as they were. */
const seedOf = (key: string) => (SEED ^ createHash('sha256').update(key).digest().readInt32LE(0)) | 0;

describe('the route table', () => {
  it('lists exactly the routes Express has registered', async () => {
    const registered = [...new Set(registeredRoutes(s.app))].sort();
    const table = ROUTES.map(routeKey).sort();
    expect(registered.length).toBeGreaterThan(30);
    expect({
      missingFromTable: registered.filter((k) => !table.includes(k)),
      notRegistered: table.filter((k) => !registered.includes(k)),
    }).toEqual({
      missingFromTable: [],
      notRegistered: [],
    });
    expect(new Set(table).size).toBe(table.length);
  });
});

describe('the nothing-written check', () => {
  it('sees a setting changed in place, a photo stored outside the log and a new session', async () => {
    const admin = cookies.get('admin');
    let before = await snapshot();
    expect((await s.api('PUT', '/api/daily-reports/deadline', { cookie: admin, body: { time: '20:30' } })).status).toBe(200);
    expect(await snapshot()).not.toBe(before);
    expect((await s.api('PUT', '/api/daily-reports/deadline', { cookie: admin, body: { time: '20:00' } })).status).toBe(200);
    before = await snapshot();
    const photo = await fetch(`${s.url}/api/photos?id=${randomUUID()}`, {
      method: 'POST',
      headers: { cookie: cookies.get('patrol_liexi')!, 'content-type': 'image/png' },
      body: PNG,
    });
    expect(photo.status).toBe(201);
    expect(await snapshot()).not.toBe(before);
    before = await snapshot();
    await s.login('supervisor');
    expect(await snapshot()).not.toBe(before);
    // And nothing moves while nothing is sent.
    before = await snapshot();
    expect(await snapshot()).toBe(before);
  });
});

describe('every HTTP route under fuzzed input', () => {
  for (const r of ROUTES) {
    // Sign-in and sign-out pay a scrypt each time: fewer runs.
    const runs = r.endsSession || r.path === '/api/session' ? Math.ceil(RUNS / 2) : RUNS;
    it(`${routeKey(r)}: below 500, within ${TIME_BOUND_MS} ms, a JSON error for a 4xx and nothing written by it`, async () => {
      await fc.assert(
        fc.asyncProperty(requestArb(r), async (req) => {
          await check(r, req, await cookieFor(r, req.identity));
        }),
        { seed: seedOf(routeKey(r)), numRuns: runs, endOnFailure: true },
      );
    });
  }
});

/** Requests every route gets once, whatever the generators happen to draw. */
function fixedRequests(r: RouteSpec): FuzzRequest[] {
  const base: FuzzRequest = {
    identity: 'role',
    path: r.path.replace(/:(\w+)/g, (_, n: string) => (n === 'id' ? knownIds[0]! : n === 'format' ? 'csv' : 'departments')),
    query: '',
    headers: {},
  };
  const out: FuzzRequest[] = [];
  const keys = r.query ? Object.keys(queryShape(r.query)) : ['q'];
  for (const key of keys) out.push({ ...base, query: `${key}=1&${key}=2` }, { ...base, query: `${key}[$gt]=` });
  out.push(
    { ...base, query: `${keys[0]}[]=2026-01-01` },
    { ...base, query: `${keys[0]}=%E0%A4%A` },
    { ...base, query: `${keys[0]}=${'a'.repeat(12_000)}` },
  );
  out.push({ ...base, query: 'from=0001-01-01&to=9999-12-31' }, { ...base, query: 'from=2026-02-30&to=2026-02-30' });
  if (r.body && !('raw' in r.body)) {
    const json = (body: string, contentType = 'application/json') => ({ ...base, body, contentType });
    out.push(
      json('{'),
      json('{"a":1}', 'text/plain'),
      json('a=1&b=2', 'application/x-www-form-urlencoded'),
      json('null'),
      json('[]'),
      json('"x"'),
      json(JSON.stringify({ __proto__: { role: 'admin' }, constructor: { prototype: { role: 'admin' } } })),
      json('['.repeat(5000) + ']'.repeat(5000)),
      json(`{"id":${'['.repeat(5000)}${']'.repeat(5000)}}`),
      json(JSON.stringify({ id: randomUUID(), description: 'x'.repeat(70 * 1024) })),
      json('{"a":1}', 'application/json; charset=utf-32'),
    );
  }
  if (r.body && 'raw' in r.body) {
    const big = r.body.raw === 'image' ? 4 * 1024 * 1024 + 2048 : 20 * 1024 * 1024 + 1;
    const type = r.body.raw === 'image' ? 'image/jpeg' : 'text/csv';
    out.push({
      ...base,
      query: `id=${randomUUID()}`,
      body: new Uint8Array(bytes([0xff, 0xd8, 0xff], Buffer.alloc(big))),
      contentType: type,
    });
    out.push({ ...base, query: `id=${randomUUID()}`, body: new Uint8Array(0), contentType: type });
  }
  for (const n of r.path.matchAll(/:(\w+)/g)) {
    for (const seg of ['%E0%A4%A', '%00', 'a'.repeat(5000), '%F0%9F%98%80'])
      out.push({ ...base, path: r.path.replace(`:${n[1]}`, seg).replace(/:(\w+)/g, 'x') });
  }
  return out;
}

describe('fixed hostile requests on every route', () => {
  it('repeated and bracketed keys, broken escapes, years 0001/9999, Feb 30, malformed, deep, oversized and mistyped bodies', async () => {
    for (const r of ROUTES) {
      for (const req of fixedRequests(r)) {
        const name = r.as ?? 'wall';
        await check(r, req, r.endsSession ? await s.login(name) : cookies.get(name));
      }
    }
  }, 60_000);
});

type ClientSocket = Socket;

/** Open a socket; resolves with `hello`, or with the refusal (connect_error or closed), or fails after the time bound. */
function openSocket(auth: unknown, cookie: string | undefined): Promise<{ socket: ClientSocket; accepted: boolean; why: string }> {
  const socket = connect(s.url, {
    transports: ['websocket'],
    auth: auth as Record<string, unknown>,
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
    timeout: TIME_BOUND_MS,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`socket with auth ${JSON.stringify(auth)?.slice(0, 200)}: neither accepted nor refused within ${TIME_BOUND_MS} ms`));
    }, TIME_BOUND_MS);
    const done = (accepted: boolean, why: string) => {
      clearTimeout(timer);
      resolve({ socket, accepted, why });
    };
    socket.on('hello', () => done(true, 'hello'));
    socket.on('connect_error', (err) => done(false, err.message));
    socket.on('disconnect', (reason) => done(false, reason));
    socket.io.on('close', (reason) => done(false, String(reason)));
  });
}

const catchUpArg = fc.oneof(
  { weight: 4, arbitrary: derive(CatchUpSchema, { mutate: false, channel: 'json' }) },
  { weight: 4, arbitrary: derive(CatchUpSchema, { mutate: true, channel: 'json' }) },
  { weight: 2, arbitrary: junkValue },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
);

describe('Socket.IO under fuzzed input', () => {
  let wall: string;
  let before: string;
  beforeAll(async () => {
    wall = cookies.get('wall')!;
    before = await snapshot();
  });

  it('a handshake is accepted exactly when its auth parses and its cookie is a session, and answered within the bound', async () => {
    const auth = fc.oneof(
      { weight: 3, arbitrary: derive(SocketAuthSchema, { mutate: false, channel: 'json' }) },
      { weight: 4, arbitrary: derive(SocketAuthSchema, { mutate: true, channel: 'json' }) },
      { weight: 2, arbitrary: junkValue },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    const who = fc.constantFrom('session', 'none', 'forged');
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(auth, who, async (a, w) => {
        const cookie = w === 'session' ? wall : w === 'forged' ? `sc_session=${randomUUID()}` : undefined;
        const outcome = await openSocket(a, cookie);
        outcome.socket.close();
        const expected = w === 'session' && SocketAuthSchema.safeParse(a).success;
        if (outcome.accepted !== expected)
          throw new Error(`auth ${JSON.stringify(a)} as ${w}: accepted ${outcome.accepted} (${outcome.why}), expected ${expected}`);
        if (outcome.accepted) accepted++;
      }),
      { seed: seedOf('socket handshake'), numRuns: RUNS * 2, endOnFailure: true },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('catch_up and other events with fuzzed payloads, with and without an ack: an error ack or nothing, and the socket keeps working', async () => {
    const { socket, accepted } = await openSocket({ protocol: PROTOCOL_VERSION, after: 0 }, wall);
    expect(accepted).toBe(true);
    const event = fc.oneof(
      { weight: 6, arbitrary: fc.constant('catch_up') },
      { weight: 1, arbitrary: fc.constantFrom('hello', 'event', 'positions', 'catch_up ', '__proto__', 'x'.repeat(300)) },
    );
    const replies = { ok: 0, error: 0, none: 0 };
    try {
      await fc.assert(
        fc.asyncProperty(event, fc.array(catchUpArg, { maxLength: 3 }), fc.boolean(), async (name, args, withAck) => {
          const what = `${name}(${JSON.stringify(args)?.slice(0, 200)}) ${withAck ? 'with' : 'without'} ack`;
          if (withAck) {
            // The server answers only a catch_up whose one argument comes with an ack function.
            const answers = name === 'catch_up' && args.length === 1;
            let reply: unknown = undefined;
            try {
              reply = await socket.timeout(answers ? TIME_BOUND_MS : 100).emitWithAck(name, ...args);
            } catch {
              if (answers) throw new Error(`${what}: no ack within ${TIME_BOUND_MS} ms`);
            }
            if (!answers) {
              if (reply !== undefined) throw new Error(`${what}: answered ${JSON.stringify(reply)}`);
              replies.none++;
            } else {
              const parsed = CatchUpSchema.safeParse(args[0]);
              const r = reply as { ok?: unknown; error?: unknown; events?: unknown; head?: unknown };
              if (parsed.success) {
                if (r.ok !== true || !Array.isArray(r.events) || r.events.length > parsed.data.limit || typeof r.head !== 'number')
                  throw new Error(`${what}: ${JSON.stringify(reply).slice(0, 200)}`);
                replies.ok++;
              } else {
                if (r.ok !== false || typeof r.error !== 'string') throw new Error(`${what}: ${JSON.stringify(reply).slice(0, 200)}`);
                replies.error++;
              }
            }
          } else {
            socket.emit(name, ...args);
          }
          const probe = (await socket.timeout(TIME_BOUND_MS).emitWithAck('catch_up', { after: 0, limit: 1 })) as { ok: boolean };
          if (!probe.ok || !socket.connected) throw new Error(`${what}: the socket no longer works`);
        }),
        { seed: seedOf('socket catch_up'), numRuns: RUNS * 4, endOnFailure: true },
      );
    } finally {
      socket.close();
    }
    console.log(`socket catch_up replies: ${JSON.stringify(replies)}`);
    expect(replies.ok && replies.error && replies.none).toBeGreaterThan(0);
  });

  it('a payload over the size limit closes only that connection', async () => {
    const { socket } = await openSocket({ protocol: PROTOCOL_VERSION, after: 0 }, wall);
    const closed = new Promise<string>((resolve) => socket.on('disconnect', resolve));
    socket.emit('catch_up', { after: 0, pad: 'x'.repeat(1_100_000) }, () => {});
    expect(await closed).toMatch(/transport/);
    socket.close();
    const again = await openSocket({ protocol: PROTOCOL_VERSION, after: 0 }, wall);
    expect(again.accepted).toBe(true);
    again.socket.close();
  });

  it('wrote nothing', async () => {
    expect(await snapshot()).toBe(before);
  });
});

/** The probes the fuzzer's generators reach only by chance, each as a fixed case with its exact answer. */
describe('regressions', () => {
  const get = (url: string, cookie?: string) => s.api('GET', url, { cookie });

  it('a repeated or bracketed query key is a 400 naming it, not a value picked from the array or an operator', async () => {
    const sup = cookies.get('supervisor')!;
    for (const q of ['from=2026-01-01&from=2026-01-02&to=2026-01-31', 'from[$gt]=&to=2026-01-31', 'from[]=2026-01-01&to=2026-01-31']) {
      const r = await get(`/api/stats?${q}`, sup);
      expect({ q, status: r.status, field: r.body.field }).toEqual({ q, status: 400, field: 'from' });
    }
    const list = await get('/api/incidents?status=reported&status=registered', cookies.get('dispatcher'));
    expect({ status: list.status, field: list.body.field }).toEqual({ status: 400, field: 'status' });
  });

  it('a JSON body nested 5000 deep is a 400 naming the body, answered at once', async () => {
    const t0 = performance.now();
    const r = await s.api('POST', '/api/incidents', { cookie: cookies.get('patrol_liexi'), raw: '['.repeat(5000) + ']'.repeat(5000) });
    expect({ status: r.status, field: r.body.field }).toEqual({ status: 400, field: 'body' });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('an import over 20 MiB is a 413 for an administrator and a 403 for anyone else, before the body is read', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    const send = (cookie: string) =>
      fetch(`${s.url}/api/admin/import/departments?dryRun=true`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'text/csv' },
        body: big,
      });
    const admin = await send(cookies.get('admin')!);
    expect({ status: admin.status, body: await admin.json() }).toMatchObject({ status: 413, body: { error: 'too_large', field: 'body' } });
    const other = await send(cookies.get('supervisor')!);
    expect(other.status).toBe(403);
  });

  it('a request line over the HTTP parser’s limit is refused (431) and the server goes on', async () => {
    const r = await fetch(`${s.url}/api/public/stats?from=${'9'.repeat(70_000)}`);
    expect(r.status).toBe(431);
    expect((await get('/healthz')).body).toMatchObject({ ok: true });
  });

  it('catch_up without an ack is ignored, with a bad payload answered ok: false, and the socket stays', async () => {
    const { socket, accepted } = await openSocket({ protocol: PROTOCOL_VERSION, after: 0 }, cookies.get('wall'));
    expect(accepted).toBe(true);
    try {
      socket.emit('catch_up', { after: -1 });
      socket.emit('catch_up');
      for (const bad of [
        { after: -1 },
        { after: 1.5 },
        { after: '0' },
        { after: 0, limit: 0 },
        { after: 0, limit: 1001 },
        null,
        [0],
        'x',
      ]) {
        const reply = await socket.timeout(TIME_BOUND_MS).emitWithAck('catch_up', bad);
        expect({ bad, reply }).toMatchObject({ bad, reply: { ok: false, error: expect.stringMatching(/^invalid catch_up/) } });
      }
      const good = await socket.timeout(TIME_BOUND_MS).emitWithAck('catch_up', { after: 0, limit: 3 });
      expect(good).toMatchObject({ ok: true, events: expect.any(Array), head: expect.any(Number) });
      expect(good.events).toHaveLength(3);
    } finally {
      socket.close();
    }
  });
});

describe('after the fuzzing', () => {
  it('the server is healthy, a user signs in, reports a case and a live client receives it', async () => {
    expect((await s.api('GET', '/healthz')).body).toMatchObject({ ok: true });
    const cookie = await s.login('patrol_liexi');
    const { socket, accepted } = await openSocket({ protocol: PROTOCOL_VERSION, after: 0 }, await s.login('wall'));
    expect(accepted).toBe(true);
    const received: string[] = [];
    socket.on('event', (e: { type: string; incident?: { id: string } }) => e.incident && received.push(e.incident.id));
    const user = (await s.api<{ user: User }>('GET', '/api/session', { cookie })).body.user;
    const grid = s.ctx.ref.grids.find((g) => user.gridCodes.includes(g.code))!;
    const [lng, lat] = interiorPoint(grid.polygon)!;
    const id = randomUUID();
    const r = await s.api('POST', '/api/incidents', {
      cookie,
      body: { id, category: [...s.ctx.ref.classes.keys()][0], description: '暴露垃圾', lng, lat, source: 'patrol' },
    });
    expect(r.status).toBe(201);
    const t0 = Date.now();
    while (!received.includes(id) && Date.now() - t0 < TIME_BOUND_MS) await new Promise((res) => setTimeout(res, 20));
    socket.close();
    expect(received).toContain(id);
  });
});

/**
 * The city's database, made before the nodes start, as its own PostgreSQL database: the product
 * seeds the demo (catalogue, desks, the wall account) at its first start, the operator CLI imports
 * the 2,000-grid map, and the bulk rows the product would have written one by one over weeks go
 * straight in: 20,000 open cases with their report events (the shapes of incidentRepo.ts and
 * eventLog.ts), 1,000 patrol accounts, and a session per phone, wall screen and desk.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { formatCaseNo, reportIncident, type Actor, type CaseClass, type Grid, type Incident } from '@streetchief/shared';
import { addWorkingTime, DEFAULT_CALENDAR, workingMsBetween } from '@streetchief/shared/calendar/index';
import { dayOf } from '@streetchief/shared/calendar/day';
import { CITY_DISTRICT_NAME, generateCityDistrict, gridImportFile } from '@streetchief/shared/district/city';
import { SAMPLE_CATALOGUE } from '@streetchief/shared/district/index';
import type { CityConfig } from './config.ts';
import { runCli, startNode } from './nodes.ts';

export interface CitySessions {
  phones: { token: string; grid: Grid }[];
  walls: string[];
  desks: string[];
}

/** The middle of a grid (the mean of its corners: inside, since every city grid is convex). */
export function middleOf(g: Grid): [number, number] {
  const ring = g.polygon[0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

/** Multi-row INSERT of `rows` (arrays in `columns` order), `chunk` rows per statement. */
async function insertRows(db: pg.ClientBase, table: string, columns: string[], rows: unknown[][], chunk = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = part.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, part.flat());
  }
}

const token = () => randomBytes(32).toString('base64url');
/** As the server stores a session: only the token's hash. */
const sessionIdOf = (t: string) => createHash('sha256').update(t).digest('base64url');

/** The incidents row of a case: the columns `toRow` in incidentRepo.ts writes. */
function incidentRow(c: Incident): unknown[] {
  return [
    c.id,
    c.version,
    c.status,
    c.categoryCode,
    c.gridCode,
    c.communityCode,
    c.streetCode,
    c.leadDept,
    `|${[c.leadDept, ...c.assistDepts].filter(Boolean).join('|')}|`,
    c.reporterId,
    c.registeredAt,
    c.dispatchedAt,
    c.handledAt,
    c.closedAt,
    c.parkedAt,
    c.feedbackCount,
    c.reworkCount,
    c.returnCount,
    c.extensionCount,
    c.handlingMs,
    c.reportedAt,
    c.updatedAt,
    c.deadline,
    c.lateAt,
    c.caseNo,
    c.lng,
    c.lat,
    c.checkerId,
    c.checkDueAt,
    JSON.stringify(c),
  ];
}
const INCIDENT_COLUMNS = [
  'id',
  'version',
  'status',
  'category_code',
  'grid_code',
  'community_code',
  'street_code',
  'lead_dept',
  'depts',
  'reporter_id',
  'registered_at',
  'dispatched_at',
  'handled_at',
  'closed_at',
  'parked_since',
  'feedback_count',
  'rework_count',
  'return_count',
  'extension_count',
  'handling_ms',
  'reported_at',
  'updated_at',
  'deadline',
  'late_at',
  'case_no',
  'lng',
  'lat',
  'checker_id',
  'check_due_at',
  'data',
];

/** 20,000 hotline reports of the last six hours, spread over the city, as one transaction. */
async function insertOpenCases(db: pg.ClientBase, cfg: CityConfig, grids: Grid[], desk: Actor, now: Date): Promise<void> {
  const classes = SAMPLE_CATALOGUE as readonly CaseClass[];
  const cases = Array.from({ length: cfg.openCases }, (_, i) => {
    const grid = grids[(i * 7919) % grids.length]!;
    const [lng, lat] = middleOf(grid);
    const at = new Date(now.getTime() - Math.floor(Math.random() * 6 * 3_600_000));
    return { grid, lng, lat, at, cls: classes[i % classes.length]! };
  }).sort((a, b) => a.at.getTime() - b.at.getTime());
  await db.query('BEGIN');
  const year = Number(dayOf(now).slice(0, 4));
  const counter = `case_no:${year}`;
  const { rows: caseRows } = await db.query<{ value: string }>(
    `INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = counters.value + $2 RETURNING value`,
    [counter, cases.length],
  );
  const firstCaseNo = Number(caseRows[0]!.value) - cases.length + 1;
  const { rows: seqRows } = await db.query<{ value: string }>(
    `UPDATE counters SET value = value + $1 WHERE name = 'event_seq' RETURNING value`,
    [cases.length],
  );
  const firstSeq = Number(seqRows[0]!.value) - cases.length + 1;
  const incidents: unknown[][] = [];
  const events: unknown[][] = [];
  cases.forEach((c, i) => {
    const made = reportIncident(
      {
        id: crypto.randomUUID(),
        category: c.cls.code,
        description: `城市压力测试存量案件 ${i + 1}`,
        lng: c.lng,
        lat: c.lat,
        source: 'hotline',
        photoIds: [],
      },
      { gridCode: c.grid.code, communityCode: c.grid.communityCode, streetCode: c.grid.streetCode },
      c.cls,
      desk.id,
      {
        actor: desk,
        now: c.at,
        deadline: (from, limit) => addWorkingTime(DEFAULT_CALENDAR, from, limit).deadline,
        workingMs: (from, to) => workingMsBetween(DEFAULT_CALENDAR, from, to),
      },
      formatCaseNo(year, firstCaseNo + i),
    );
    const seq = firstSeq + i;
    incidents.push(incidentRow(made.incident));
    events.push([seq, made.event.kind, made.event.at, desk.id, made.incident.id, JSON.stringify({ ...made.event, seq })]);
  });
  await insertRows(db, 'incidents', INCIDENT_COLUMNS, incidents);
  await insertRows(db, 'events', ['seq', 'kind', 'at', 'actor_id', 'incident_id', 'payload'], events, 1000);
  await db.query('COMMIT');
}

/** Accounts and sessions: one patrol account per phone (each in its own grid), sessions for phones, walls and desks. */
async function insertSessions(db: pg.ClientBase, cfg: CityConfig, grids: Grid[], now: Date): Promise<CitySessions> {
  const { rows } = await db.query<{ id: string; username: string; password_hash: string }>(
    `SELECT id, username, password_hash FROM users WHERE username IN ('wall', 'dispatcher')`,
  );
  const wall = rows.find((r) => r.username === 'wall');
  const desk = rows.find((r) => r.username === 'dispatcher');
  if (!wall || !desk) throw new Error('the demo seed made no wall or dispatcher account');
  const at = now.toISOString();
  const expires = new Date(now.getTime() + 86_400_000).toISOString();
  const phones = Array.from({ length: cfg.phones }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    // Every other grid of the city, so phones cover it evenly.
    return { id: `u-city-phone-${n}`, username: `city_phone_${n}`, grid: grids[(i * 2) % grids.length]!, token: token() };
  });
  await insertRows(
    db,
    'users',
    [
      'id',
      'username',
      'display_name',
      'role',
      'password_hash',
      'department_code',
      'street_code',
      'grid_codes',
      'disabled_at',
      'must_change_password',
      'created_at',
      'updated_at',
      'last_sign_in_at',
      'version',
      'password_vetted',
    ],
    phones.map((p) => [
      p.id,
      p.username,
      `巡查员（压力测试 ${p.username.slice(-4)}）`,
      'patrol',
      desk.password_hash,
      null,
      null,
      JSON.stringify([p.grid.code]),
      null,
      0,
      at,
      at,
      null,
      1,
      1,
    ]),
  );
  const walls = Array.from({ length: cfg.walls }, token);
  const desks = Array.from({ length: cfg.nodes }, token);
  const sessions = [...phones.map((p) => [p.token, p.id]), ...walls.map((t) => [t, wall.id]), ...desks.map((t) => [t, desk.id])].map(
    ([t, userId]) => [sessionIdOf(t!), 'user', userId, null, at, expires, at],
  );
  await insertRows(db, 'sessions', ['id', 'kind', 'user_id', 'display_id', 'created_at', 'expires_at', 'last_seen_at'], sessions);
  return { phones: phones.map((p) => ({ token: p.token, grid: p.grid })), walls, desks };
}

/** Make the city's database; returns the sessions the load generators use. */
export async function prepareCity(
  cfg: CityConfig,
  nodeEnv: Record<string, string>,
  log: (line: string) => void,
): Promise<{ sessions: CitySessions; grids: Grid[] }> {
  const admin = new pg.Client({ connectionString: cfg.pgUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${cfg.database}`);
  } finally {
    await admin.end();
  }
  let t = performance.now();
  const seedNode = await startNode('seed', { ...nodeEnv, SEED: 'demo' });
  await seedNode.stop();
  log(`demo seed (migrations, catalogue, accounts, 30 days of history): ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  const city = generateCityDistrict();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'city-run-'));
  const file = path.join(dir, 'grids.geojson');
  fs.writeFileSync(file, JSON.stringify(gridImportFile(city)));
  await runCli(['import', 'grids', file, '--name', CITY_DISTRICT_NAME], { DATABASE_URL: nodeEnv.DATABASE_URL! });
  fs.rmSync(dir, { recursive: true, force: true });
  log(`grid import of ${city.grids.length} grids through the CLI: ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  const db = new pg.Client({ connectionString: nodeEnv.DATABASE_URL });
  await db.connect();
  try {
    const now = new Date();
    const sessions = await insertSessions(db, cfg, city.grids, now);
    const { rows } = await db.query<{ id: string; display_name: string }>(
      `SELECT id, display_name FROM users WHERE username = 'dispatcher'`,
    );
    const desk: Actor = { id: rows[0]!.id, role: 'dispatcher', name: rows[0]!.display_name };
    await insertOpenCases(db, cfg, city.grids, desk, now);
    const open = await db.query<{ n: string }>(`SELECT count(*) AS n FROM incidents WHERE closed_at IS NULL`);
    log(
      `bulk rows (${cfg.phones} accounts, ${cfg.openCases} cases + events, sessions): ${((performance.now() - t) / 1000).toFixed(1)} s; open cases now ${open.rows[0]!.n}`,
    );
    return { sessions, grids: city.grids };
  } finally {
    await db.end();
  }
}

/** Drop the database and every Redis key of the run. */
export async function dropCity(cfg: CityConfig): Promise<void> {
  const admin = new pg.Client({ connectionString: cfg.pgUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${cfg.database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const { createClient } = await import('redis');
  const redis = createClient({ url: cfg.redisUrl });
  await redis.connect();
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${cfg.redisPrefix}*`, COUNT: 500 })) keys.push(...batch);
    if (keys.length) await redis.del(keys);
  } finally {
    await redis.quit();
  }
}

import { CASE_STATES, DEADLINE_STATES, isOpenState, type Incident, type IncidentQuery, type UserScope } from '@streetchief/shared';
import type { Executor } from './store.ts';
import type { DB } from './schema.ts';
import { sql, type Insertable } from 'kysely';

function toRow(c: Incident): Insertable<DB['incidents']> {
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    category_code: c.categoryCode,
    grid_code: c.gridCode,
    community_code: c.communityCode,
    street_code: c.streetCode,
    lead_dept: c.leadDept,
    depts: `|${[c.leadDept, ...c.assistDepts].filter(Boolean).join('|')}|`,
    reporter_id: c.reporterId,
    registered_at: c.registeredAt,
    dispatched_at: c.dispatchedAt,
    handled_at: c.handledAt,
    closed_at: c.closedAt,
    parked_since: c.parkedAt,
    feedback_count: c.feedbackCount,
    rework_count: c.reworkCount,
    return_count: c.returnCount,
    extension_count: c.extensionCount,
    handling_ms: c.handlingMs,
    reported_at: c.reportedAt,
    updated_at: c.updatedAt,
    deadline: c.deadline,
    data: JSON.stringify(c),
  };
}

/** Insert a new case. Returns false when a case with that id already exists (idempotent report). */
export async function insertIncident(ex: Executor, c: Incident): Promise<boolean> {
  const res = await ex
    .insertInto('incidents')
    .values(toRow(c))
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Insert many cases at once (demo history, imports). */
export async function insertIncidents(ex: Executor, cases: Incident[]): Promise<void> {
  for (let i = 0; i < cases.length; i += 100) {
    await ex
      .insertInto('incidents')
      .values(cases.slice(i, i + 100).map(toRow))
      .execute();
  }
}

/**
 * Replace a case if it is still at `expectedVersion`. Returns false when someone else changed it
 * first (the caller answers 409).
 */
export async function updateIncident(ex: Executor, c: Incident, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...row } = toRow(c);
  const res = await ex.updateTable('incidents').set(row).where('id', '=', c.id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function getIncident(ex: Executor, id: string): Promise<Incident | null> {
  const row = await ex.selectFrom('incidents').select('data').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.data) as Incident) : null;
}

export interface ListOptions extends Omit<IncidentQuery, 'cursor' | 'overdue'> {
  overdue?: boolean;
  activeSince?: string;
  after?: { reportedAt: string; id: string };
  /** Which cases the reader may see (`scopeOf`); null = everything. */
  scope: UserScope | null;
  now: Date;
}

const OPEN_STATES = CASE_STATES.filter(isOpenState);
const RUNNING_STATES = [...DEADLINE_STATES];

/** A page of cases, newest report first. */
export async function listIncidents(ex: Executor, o: ListOptions): Promise<Incident[]> {
  let q = ex.selectFrom('incidents').select(['data']);
  if (o.status) q = q.where('status', '=', o.status);
  if (o.street) q = q.where('street_code', '=', o.street);
  if (o.grid) q = q.where('grid_code', '=', o.grid);
  if (o.department) q = q.where('depts', 'like', `%|${o.department}|%`);
  const nowIso = o.now.toISOString();
  if (o.overdue === true) q = q.where('status', 'in', RUNNING_STATES).where('deadline', '<', nowIso);
  if (o.overdue === false)
    q = q.where((eb) => eb.or([eb('status', 'not in', RUNNING_STATES), eb('deadline', 'is', null), eb('deadline', '>=', nowIso)]));
  if (o.activeSince) {
    const since = o.activeSince;
    q = q.where((eb) => eb.or([eb('status', 'in', OPEN_STATES), eb('updated_at', '>=', since)]));
  }
  if (o.scope) {
    const s = o.scope;
    q = q.where((eb) => {
      const ors = [];
      if (s.streets.length) ors.push(eb('street_code', 'in', s.streets));
      if (s.grids.length) ors.push(eb('grid_code', 'in', s.grids));
      for (const d of s.depts) ors.push(eb('depts', 'like', `%|${d}|%`));
      if (s.reporterId) ors.push(eb('reporter_id', '=', s.reporterId));
      return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
    });
  }
  if (o.after) {
    const { reportedAt, id } = o.after;
    // The same rows as "reported_at < r OR (reported_at = r AND id < i)", written with a plain
    // upper bound first so the index walk stops after one page instead of visiting every older case.
    q = q.where('reported_at', '<=', reportedAt).where((eb) => eb.or([eb('reported_at', '<', reportedAt), eb('id', '<', id)]));
  }
  const rows = await q.orderBy('reported_at', 'desc').orderBy('id', 'desc').limit(o.limit).execute();
  return rows.map((r) => JSON.parse(r.data) as Incident);
}

/** Cases whose deadline is running: what the scheduler scans. */
export async function runningWithDeadline(ex: Executor): Promise<Incident[]> {
  const rows = await ex
    .selectFrom('incidents')
    .select('data')
    .where('status', 'in', RUNNING_STATES)
    .where('deadline', 'is not', null)
    .execute();
  return rows.map((r) => JSON.parse(r.data) as Incident);
}

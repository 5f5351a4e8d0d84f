import {
  CASE_STATES,
  DEADLINE_STATES,
  formatCaseNo,
  isOpenState,
  type Incident,
  type IncidentQuery,
  type UserScope,
} from '@streetchief/shared';
import { dayOf } from '@streetchief/shared/calendar/day';
import { caseNoCounter } from './migrations/0008_case_numbers.ts';
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
    late_at: c.lateAt,
    case_no: c.caseNo,
    lng: c.lng,
    lat: c.lat,
    checker_id: c.checkerId,
    check_due_at: c.checkDueAt,
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

/**
 * Insert many cases at once (demo history, imports). Cases without a case number get the next
 * ones of their report's year from the counter rows, in report order, so a store filled in chunks
 * never gives a number twice; a numbered case keeps its number (then set the counters with
 * {@link saveCaseCounters}).
 */
export async function insertIncidents(ex: Executor, cases: Incident[]): Promise<void> {
  const numbered = await numberUnnumbered(ex, cases);
  for (let i = 0; i < numbered.length; i += 100) {
    await ex
      .insertInto('incidents')
      .values(numbered.slice(i, i + 100).map(toRow))
      .execute();
  }
}

async function numberUnnumbered(ex: Executor, cases: Incident[]): Promise<Incident[]> {
  const byYear = new Map<number, Incident[]>();
  for (const c of cases) {
    if (c.caseNo) continue;
    const year = Number(dayOf(c.reportedAt).slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), c]);
  }
  if (byYear.size === 0) return cases;
  const given = new Map<string, string>();
  for (const [year, list] of byYear) {
    list.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.id.localeCompare(b.id));
    const last = await bumpCaseCounter(ex, year, list.length);
    list.forEach((c, i) => given.set(c.id, formatCaseNo(year, last - list.length + 1 + i)));
  }
  return cases.map((c) => (c.caseNo ? c : { ...c, caseNo: given.get(c.id) ?? null }));
}

/** Add `by` to the year's case-number counter (created at its first use); returns the new value. */
async function bumpCaseCounter(ex: Executor, year: number, by: number): Promise<number> {
  const { value } = await ex
    .insertInto('counters')
    .values({ name: caseNoCounter(year), value: by })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', by) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(value);
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

export interface ListOptions extends Omit<IncidentQuery, 'cursor' | 'overdue' | 'checkOverdue'> {
  overdue?: boolean;
  /** Only handled cases whose check waits past its time limit. */
  checkOverdue?: boolean;
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
  // Overdue as `isOverdue` has it: the deadline runs and the case is late, now or since it went late.
  if (o.overdue === true)
    q = q.where('status', 'in', RUNNING_STATES).where((eb) => eb.or([eb('late_at', 'is not', null), eb('deadline', '<', nowIso)]));
  if (o.overdue === false)
    q = q.where((eb) =>
      eb.or([
        eb('status', 'not in', RUNNING_STATES),
        eb.and([eb('late_at', 'is', null), eb.or([eb('deadline', 'is', null), eb('deadline', '>=', nowIso)])]),
      ]),
    );
  if (o.checkOverdue) q = q.where('status', '=', 'handled').where('check_due_at', '<', nowIso);
  if (o.caseNo) {
    const { year, seq } = o.caseNo;
    const digits = String(seq).padStart(6, '0');
    // The whole number hits the unique index; a bare sequence matches it in any year.
    q = year === null ? q.where('case_no', 'like', `%-${digits}`) : q.where('case_no', '=', `${year}-${digits}`);
  }
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
      if (s.reporterId) ors.push(eb('reporter_id', '=', s.reporterId), eb('checker_id', '=', s.reporterId));
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

/**
 * The next case number of `year` from its counter row, inside the report's transaction. The
 * upsert creates the year's row at its first report and otherwise increments it; the row stays
 * locked until the transaction ends (as the event sequence's does), so concurrent reports on any
 * node take consecutive numbers in commit order, and a rolled-back report gives its number back.
 */
export async function nextCaseNo(trx: Executor, year: number): Promise<string> {
  return formatCaseNo(year, await bumpCaseCounter(trx, year, 1));
}

/** Set the case-number counters to the last number used per year (a seed or import that numbered its cases). */
export async function saveCaseCounters(trx: Executor, last: ReadonlyMap<number, number>): Promise<void> {
  for (const [year, value] of last) {
    await trx
      .insertInto('counters')
      .values({ name: caseNoCounter(year), value })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
      .execute();
  }
}

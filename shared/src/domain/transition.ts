import { photosOf, type ActionBody } from './actions.ts';
import { checkLimitOf, type CaseClass, type TimeLimit } from './catalogue.ts';
import type { Actor, NewIncidentEvent } from './events.ts';
import { isPastDeadline, type Assist, type CreateIncident, type Incident, type PossibleDuplicate } from './incident.ts';
import { transitionFor } from './workflow.ts';
import type { CaseState } from './workflow.ts';

/** What a transition needs from outside: the clock and the working-time calendar. */
export interface TransitionContext {
  actor: Actor;
  now: Date;
  /** Deadline `limit` of working time after `from`. */
  deadline: (from: Date, limit: TimeLimit) => Date;
  /** Working milliseconds between two instants (handling time is counted in working time). */
  workingMs: (from: Date, to: Date) => number;
}

export interface Located {
  gridCode: string;
  communityCode: string;
  streetCode: string;
}

/**
 * A new case from a report: grid from the location, provisional deadline from the class. `caseNo`
 * is the number the store allocated for it in the report's transaction (null: not yet numbered);
 * `possibleDuplicates` what the store found near it (same class, see field/duplicates.ts).
 */
export function reportIncident(
  body: CreateIncident,
  where: Located,
  cls: CaseClass,
  reporterId: string | null,
  ctx: TransitionContext,
  caseNo: string | null = null,
  possibleDuplicates: PossibleDuplicate[] = [],
): { incident: Incident; event: NewIncidentEvent } {
  const at = ctx.now.toISOString();
  const incident: Incident = {
    id: body.id,
    caseNo,
    version: 1,
    status: 'reported',
    parkedFrom: null,
    parkedAt: null,
    categoryCode: cls.code,
    description: body.description,
    lng: body.lng,
    lat: body.lat,
    ...where,
    source: body.source,
    reporterId,
    urgent: cls.urgent,
    reportedAt: at,
    registeredAt: null,
    dispatchedAt: null,
    handledAt: null,
    closedAt: null,
    deadline: ctx.deadline(ctx.now, cls.timeLimit).toISOString(),
    leadDept: null,
    assistDepts: [],
    escalationLevel: 0,
    extension: null,
    extensionCount: 0,
    returnCount: 0,
    reworkCount: 0,
    warnedAt: null,
    overdueAt: null,
    lateAt: null,
    assists: [],
    possibleDuplicates,
    photos: body.photoIds.map((id) => ({ id, stage: 'report' as const, at })),
    feedbackCount: 0,
    handlingMs: null,
    responsibleChief: null,
    checkerId: null,
    checkDueAt: null,
    updatedAt: at,
  };
  return { incident, event: { type: 'incident', kind: 'report', at, actor: ctx.actor, reason: null, incident, formerDepts: [] } };
}

/**
 * Apply a workflow action to a case. Pure: the caller has already checked the table, the scope
 * and the guards (`checkAction`) and the version. Returns the case after the action and its event.
 */
export function applyAction(
  c: Incident,
  body: ActionBody,
  cls: CaseClass,
  ctx: TransitionContext,
): { incident: Incident; event: NewIncidentEvent } {
  const at = ctx.now.toISOString();
  const row = transitionFor(body.type);
  // Lateness is a fact: a step taken after the deadline in force passed records the missed deadline
  // first (the scheduler's overdue mark normally has already), and no step clears it.
  const next: Incident = { ...c, version: c.version + 1, updatedAt: at, lateAt: lateAtOf(c, ctx.now) };
  if (row.to === 'unparked') {
    next.status = c.parkedFrom ?? 'registered';
    next.parkedFrom = null;
  } else if (row.to !== 'same') {
    next.status = row.to;
  }
  let reason: string | null = null;
  switch (body.type) {
    case 'register':
      next.registeredAt = at;
      break;
    case 'void':
    case 'return':
    case 'check_fail':
    case 'reject_extension':
    case 'park':
    case 'escalate':
    case 'comment':
      reason = body.reason;
      break;
    case 'dispatch':
      next.dispatchedAt = at;
      next.leadDept = body.leadDept;
      next.assistDepts = body.assistDepts.filter((d) => d !== body.leadDept);
      next.deadline = ctx.deadline(ctx.now, cls.timeLimit).toISOString();
      next.assists = assistsFor(next.assistDepts);
      next.warnedAt = null;
      next.overdueAt = null;
      break;
    case 'assist_note':
      reason = body.note;
      next.assists = updateAssist(c.assists, ctx.actor.departmentCode, (a) => ({ ...a, notes: a.notes + 1 }));
      break;
    case 'assist_done':
      reason = body.note ?? null;
      next.assists = updateAssist(c.assists, ctx.actor.departmentCode, (a) => ({ ...a, doneAt: at }));
      break;
    case 'accept':
    case 'unpark':
      break;
    case 'decide':
      reason = body.reason;
      decide(c, next, body, ctx, cls);
      break;
    case 'feedback':
      reason = body.note;
      next.handledAt = at;
      next.feedbackCount = c.feedbackCount + 1;
      next.handlingMs = c.dispatchedAt ? ctx.workingMs(new Date(c.dispatchedAt), ctx.now) : null;
      next.checkDueAt = ctx.deadline(ctx.now, checkLimitOf(cls)).toISOString();
      break;
    case 'assign_check':
      reason = body.reason ?? null;
      next.checkerId = body.checkerId;
      break;
    case 'check_pass':
      reason = body.note ?? null;
      next.closedAt = at;
      break;
    case 'request_extension':
      reason = body.reason;
      next.extension = { requestedAt: at, requestedBy: ctx.actor.id, reason: body.reason, until: new Date(body.until).toISOString() };
      break;
    case 'approve_extension':
      next.deadline = c.extension?.until ?? c.deadline;
      next.extension = null;
      next.extensionCount = c.extensionCount + 1;
      next.warnedAt = null;
      next.overdueAt = null;
      break;
  }
  applyCounters(c, next, body);
  const attached = photosOf(body);
  if (attached) next.photos = [...c.photos, ...attached.ids.map((id) => ({ id, stage: attached.stage, at }))];
  if (body.type === 'park') {
    next.parkedFrom = c.status as CaseState;
    next.parkedAt = at;
  }
  if (body.type === 'unpark') next.parkedAt = null;
  if (body.type === 'return') {
    next.leadDept = null;
    next.assistDepts = [];
    next.assists = [];
    next.extension = null;
  }
  if (body.type === 'reject_extension') next.extension = null;
  const before = [c.leadDept, ...c.assistDepts].filter((d): d is string => !!d);
  const after = new Set([next.leadDept, ...next.assistDepts]);
  const formerDepts = before.filter((d) => !after.has(d));
  return { incident: next, event: { type: 'incident', kind: body.type, at, actor: ctx.actor, reason, incident: next, formerDepts } };
}

/** A meeting decision: re-dispatch, new deadline, responsible chief (each optional). */
function decide(c: Incident, next: Incident, body: Extract<ActionBody, { type: 'decide' }>, ctx: TransitionContext, cls: CaseClass): void {
  if (body.responsibleChief) next.responsibleChief = body.responsibleChief;
  if (body.leadDept) {
    next.status = 'dispatched';
    next.parkedFrom = null;
    next.parkedAt = null;
    next.extension = null;
    next.dispatchedAt = ctx.now.toISOString();
    next.leadDept = body.leadDept;
    next.assistDepts = body.assistDepts.filter((d) => d !== body.leadDept);
    next.assists = assistsFor(next.assistDepts);
    next.deadline = (body.deadline ? new Date(body.deadline) : ctx.deadline(ctx.now, cls.timeLimit)).toISOString();
  } else if (body.deadline) {
    next.deadline = new Date(body.deadline).toISOString();
  }
  if (next.deadline !== c.deadline) {
    next.warnedAt = null;
    next.overdueAt = null;
  }
}

/** The deadline a case has missed by `now`: the one recorded, or the one in force if it just passed. */
function lateAtOf(c: Incident, now: Date): string | null {
  return c.lateAt ?? (isPastDeadline(c, now) ? c.deadline : null);
}

/** Fresh parts for the assisting departments of a (re-)dispatch. */
function assistsFor(depts: readonly string[]): Assist[] {
  return depts.map((dept) => ({ dept, notes: 0, doneAt: null }));
}

/** The case's assist parts with the acting department's part changed (policy checked it is one). */
function updateAssist(parts: readonly Assist[], dept: string | null | undefined, change: (a: Assist) => Assist): Assist[] {
  return parts.map((a) => (a.dept === dept ? change(a) : a));
}

function applyCounters(c: Incident, next: Incident, body: ActionBody): void {
  if (body.type === 'return') next.returnCount = c.returnCount + 1;
  if (body.type === 'check_fail') next.reworkCount = c.reworkCount + 1;
  if (body.type === 'escalate') next.escalationLevel = c.escalationLevel + 1;
}

/**
 * What the scheduler records: the 80% warning and the overdue mark (each changes only its own
 * marker, so it fires once), and an automatic escalation one level up the chief hierarchy.
 */
export function systemMark(
  c: Incident,
  kind: 'warned' | 'overdue' | 'escalate',
  ctx: TransitionContext,
): { incident: Incident; event: NewIncidentEvent } {
  const at = ctx.now.toISOString();
  const next: Incident = { ...c, version: c.version + 1, updatedAt: at };
  let reason: string | null = null;
  if (kind === 'warned') next.warnedAt = at;
  else if (kind === 'overdue') {
    next.overdueAt = at;
    next.lateAt = c.lateAt ?? c.deadline;
  } else {
    next.escalationLevel = c.escalationLevel + 1;
    reason = 'overdue: escalated automatically';
  }
  return { incident: next, event: { type: 'incident', kind, at, actor: ctx.actor, reason, incident: next, formerDepts: [] } };
}

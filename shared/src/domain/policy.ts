import { ActionBodySchema } from './actions.ts';
import type { IncidentEvent } from './events.ts';
import { CreateIncidentSchema, isLate, type Incident, type Source } from './incident.ts';
import type { Action } from './workflow.ts';
import { ASSIST_ACTIONS, MAX_ESCALATION_LEVEL, tableAllows, transitionFor, WORKFLOW } from './workflow.ts';
import type { Role, User } from './roles.ts';
import { DISTRICT_WIDE_ROLES, ROLES } from './roles.ts';

/**
 * Visibility is expressed as rooms: a case belongs to the rooms of its street, grid and
 * departments (and of its reporter); a user listens to the rooms of their scope. A user may see a
 * case exactly when the two sets meet. The broadcaster uses the same rooms, so HTTP reads and live
 * events can never disagree about who sees what.
 */
export const ALL_ROOM = 'all';

/** Rooms a case's events go to. */
export function roomsOfIncident(
  c: Pick<Incident, 'streetCode' | 'gridCode' | 'leadDept' | 'assistDepts' | 'reporterId'> & Partial<Pick<Incident, 'checkerId'>>,
): string[] {
  const rooms = [ALL_ROOM, `street:${c.streetCode}`, `grid:${c.gridCode}`];
  if (c.leadDept) rooms.push(`dept:${c.leadDept}`);
  for (const d of c.assistDepts) rooms.push(`dept:${d}`);
  if (c.reporterId) rooms.push(`user:${c.reporterId}`);
  // The checker the desk named sees the case they are to check (and its later events).
  if (c.checkerId && c.checkerId !== c.reporterId) rooms.push(`user:${c.checkerId}`);
  return rooms;
}

/** Rooms an event goes to: its case's rooms after the change, and departments that just lost it. */
export function roomsOfEvent(e: Pick<IncidentEvent, 'incident' | 'formerDepts'>): string[] {
  const rooms = roomsOfIncident(e.incident);
  for (const d of e.formerDepts ?? []) if (!rooms.includes(`dept:${d}`)) rooms.push(`dept:${d}`);
  return rooms;
}

/** May this user receive this event in full? */
export function canSeeEvent(u: User, e: Pick<IncidentEvent, 'incident' | 'formerDepts'>): boolean {
  const mine = new Set(roomsOfUser(u));
  return roomsOfEvent(e).some((r) => mine.has(r));
}

/** Rooms a user listens to. */
export function roomsOfUser(u: User): string[] {
  const s = scopeOf(u);
  if (!s) return [ALL_ROOM];
  return [
    `user:${s.reporterId}`,
    ...s.streets.map((x) => `street:${x}`),
    ...s.depts.map((x) => `dept:${x}`),
    ...s.grids.map((x) => `grid:${x}`),
  ];
}

/**
 * What a user may see: the streets, grids and departments whose cases they see, their own
 * reports and the cases they were named to check (`reporterId` is the user's id for both); null for the district-wide roles. Rooms (live events) and SQL filters (lists, exports)
 * are both built from this one rule.
 */
export interface UserScope {
  streets: string[];
  grids: string[];
  depts: string[];
  reporterId: string;
}

export function scopeOf(u: User): UserScope | null {
  if (DISTRICT_WIDE_ROLES.includes(u.role)) return null;
  return {
    streets: u.role === 'street_chief' && u.streetCode ? [u.streetCode] : [],
    grids: u.gridCodes,
    depts: u.role === 'dept_handler' && u.departmentCode ? [u.departmentCode] : [],
    reporterId: u.id,
  };
}

/** May this user see this case at all? */
export function canSee(u: User, c: Parameters<typeof roomsOfIncident>[0]): boolean {
  const mine = new Set(roomsOfUser(u));
  return roomsOfIncident(c).some((r) => mine.has(r));
}

export type Refusal = { status: 403 | 409; reason: string };

/**
 * Full check for a workflow action on a case at `now`: table, then scope, then case guards.
 * Returns null when allowed. 409 means the case's state does not allow it; 403 the user may not.
 */
export function checkAction(u: User, c: Incident, action: Action, now: Date): Refusal | null {
  if (!ROLES.some((r) => tableAllows(c.status, action, r))) {
    return { status: 409, reason: `${action} is not allowed in state ${c.status}` };
  }
  if (!tableAllows(c.status, action, u.role)) return { status: 403, reason: `role ${u.role} may not ${action}` };
  if (!inScope(u, c, action) && !isNamed(u, c, action)) return { status: 403, reason: `${action} is outside your scope` };
  return guard(u, c, action, now);
}

/** Is the user the one the case names for this step (the table's `named` field)? */
function isNamed(u: User, c: Incident, action: Action): boolean {
  const field = transitionFor(action).named;
  return !!field && c[field] === u.id;
}

function inScope(u: User, c: Incident, action: Action): boolean {
  switch (u.role) {
    case 'dept_handler':
      // The lead department takes the case's steps; an assisting department (协办) its own two.
      if (!u.departmentCode) return false;
      return ASSIST_ACTIONS.includes(action) ? c.assistDepts.includes(u.departmentCode) : c.leadDept === u.departmentCode;
    case 'grid_staff':
    case 'patrol':
      return action === 'report' || u.gridCodes.includes(c.gridCode);
    case 'street_chief':
      return c.streetCode === u.streetCode;
    case 'dispatcher':
    case 'supervisor':
    case 'admin':
      return true;
    case 'wall':
      return false;
  }
}

/**
 * An extension (延期) is asked for and granted before the deadline: once a case has gone late the
 * lateness is a fact, and only a joint meeting (`decide`) may set a new deadline, which leaves the
 * case counted late. The refusal says so, for the department's and the desk's screens.
 */
export const EXTENSION_AFTER_DEADLINE =
  'the deadline has passed: an extension must be asked for and approved before it; the case stays late, and only a joint meeting can set a new deadline';

function guard(u: User, c: Incident, action: Action, now: Date): Refusal | null {
  switch (action) {
    case 'request_extension':
      if (c.extension) return { status: 409, reason: 'an extension request is already pending' };
      return isLate(c, now) ? { status: 409, reason: EXTENSION_AFTER_DEADLINE } : null;
    case 'approve_extension':
      if (!c.extension) return { status: 409, reason: 'no extension request is pending' };
      return isLate(c, now) ? { status: 409, reason: EXTENSION_AFTER_DEADLINE } : null;
    case 'reject_extension':
      return c.extension ? null : { status: 409, reason: 'no extension request is pending' };
    case 'assist_done': {
      const part = c.assists.find((a) => a.dept === u.departmentCode);
      return part?.doneAt ? { status: 409, reason: 'your department has already marked its part done' } : null;
    }
    case 'escalate':
      return c.escalationLevel >= MAX_ESCALATION_LEVEL ? { status: 409, reason: 'already escalated to the street chief' } : null;
    default:
      return null;
  }
}

/**
 * Workflow steps that carry photos, read off their body schemas: every action body with a
 * `photoIds` field (feedback, the on-site checks), and the report, whose body carries them too.
 * Sightings ("I saw this too", with photos) are gated by the report row, so they are covered.
 */
export const PHOTO_ACTIONS: readonly Action[] = [
  ...('photoIds' in CreateIncidentSchema.shape ? (['report'] as const) : []),
  ...ActionBodySchema.options.filter((o) => 'photoIds' in o.shape).map((o) => o.shape.type.value),
];

/**
 * May this role upload photos at all? Only a role that the workflow table lets take some step
 * with photos: an upload nobody could ever attach is storage for nothing (and, for the read-only
 * wall account, a way to fill the database).
 */
export function mayUploadPhotos(role: Role): boolean {
  return WORKFLOW.some((t) => PHOTO_ACTIONS.includes(t.action) && t.roles.includes(role));
}

/**
 * The sources (where a report came from) each role may record; the first is the role's own. Field
 * staff report what they found themselves. The command centre enters what reaches it by other
 * channels: a hotline call (12345), a member of the public, a supervisor's finding (督查). A
 * supervisor does not report in the workflow table, so supervision findings are entered by the
 * centre. Roles that may not report have none. Indicators count cases by source (patrol finds
 * versus hotline complaints), so the source is the server's word, never the client's.
 */
export const REPORT_SOURCES: Readonly<Record<Role, readonly Source[]>> = {
  patrol: ['patrol'],
  grid_staff: ['grid_staff'],
  dispatcher: ['hotline', 'public', 'supervision'],
  admin: ['hotline', 'public', 'supervision'],
  dept_handler: [],
  supervisor: [],
  street_chief: [],
  wall: [],
};

/**
 * The source stored for a report by `role` that asked for `asked`: the asked one when the role may
 * use it, otherwise the role's own (the first in {@link REPORT_SOURCES}); null when the role may
 * not report. A source outside the role's list is replaced, not refused: the field app sends the
 * source from the user's role and its offline outbox may hold reports for hours, so a refusal
 * would strand a queued report on a phone for a field its user never chose.
 */
export function reportSource(role: Role, asked: Source): Source | null {
  const allowed = REPORT_SOURCES[role];
  return allowed.includes(asked) ? asked : (allowed[0] ?? null);
}

import { isCheckOverdue, isOverdue, isWarning, type Incident } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import { isOpenState } from '@streetchief/shared/domain/workflow';
import type { MessageKey } from '../i18n/dict.ts';
import type { DeskKey } from '../i18n/desk.ts';
import { allowedActions } from './actions.ts';

/** What a queue's filter may look at besides the case. */
export interface QueueContext {
  user: User;
  now: Date;
}

/** One queue on the left of a desk: a name and which cases belong in it. A case may be in several. */
export interface QueueDef {
  id: string;
  label: MessageKey | DeskKey;
  /** Queues that mean trouble show their count in red; those about to, in amber. */
  tone?: 'alert' | 'warn';
  match: (c: Incident, ctx: QueueContext) => boolean;
  /** The working order; `compareUrgency` unless the queue says otherwise. */
  compare?: (a: Incident, b: Incident, ctx: QueueContext) => number;
  /**
   * The same cases as `GET /api/exports/cases.{csv,xlsx}` parameters, when the export can select
   * exactly this queue (the desk offers 导出 only then).
   */
  exportQuery?: Readonly<Record<string, string>>;
}

export interface Queue {
  def: QueueDef;
  items: Incident[];
}

/** The command centre's queues (docs/domain.md, "Who uses it": the dispatcher). */
export const DISPATCH_QUEUES: readonly QueueDef[] = [
  { id: 'reported', label: 'queue.reported', match: (c) => c.status === 'reported', exportQuery: { status: 'reported' } },
  { id: 'registered', label: 'queue.registered', match: (c) => c.status === 'registered' && c.returnCount === 0 },
  { id: 'returned', label: 'queue.returned', match: (c) => c.status === 'registered' && c.returnCount > 0 },
  { id: 'extension', label: 'queue.extension', match: (c) => c.extension !== null && isOpenState(c.status) },
  { id: 'handled', label: 'queue.handled', match: (c) => c.status === 'handled', exportQuery: { status: 'handled' } },
  // 核查超时: the on-site check waits past the class's check time limit (assign it to someone).
  {
    id: 'checkOverdue',
    label: 'queue.checkOverdue',
    tone: 'alert',
    match: (c, { now }) => isCheckOverdue(c, now),
    exportQuery: { checkOverdue: 'true' },
  },
  { id: 'overdue', label: 'queue.overdue', tone: 'alert', match: (c, { now }) => isOverdue(c, now), exportQuery: { overdue: 'true' } },
  // 预警: about to go overdue (the scheduler's 80% warning), the nearest deadline first.
  { id: 'warning', label: 'deskq.warning', tone: 'warn', match: (c, { now }) => isWarning(c, now), compare: compareDeadline },
  { id: 'escalated', label: 'queue.escalated', tone: 'alert', match: (c) => c.escalationLevel > 0 && isOpenState(c.status) },
  { id: 'parked', label: 'queue.parked', match: (c) => c.status === 'parked', exportQuery: { status: 'parked' } },
];

/** Cases my department leads (it takes the case's steps); assisting departments take their own two. */
const leads = (c: Incident, { user }: QueueContext) => !!user.departmentCode && c.leadDept === user.departmentCode;

/** My department's part of a case it assists (协办), if it assists. */
export function myAssist(c: Incident, user: User): Incident['assists'][number] | undefined {
  return user.departmentCode ? c.assists.find((a) => a.dept === user.departmentCode) : undefined;
}

/** 协办: my department's open parts first (urgent, nearest deadline), the parts it has done after. */
function compareAssist(a: Incident, b: Incident, { user }: QueueContext): number {
  const doneA = !!myAssist(a, user)?.doneAt;
  const doneB = !!myAssist(b, user)?.doneAt;
  return doneA !== doneB ? (doneA ? 1 : -1) : compareUrgency(a, b);
}

/** A department's queues (/dept). */
export const DEPT_QUEUES: readonly QueueDef[] = [
  { id: 'dispatched', label: 'queue.toAccept', match: (c, ctx) => c.status === 'dispatched' && leads(c, ctx) },
  { id: 'in_progress', label: 'queue.inProgress', match: (c, ctx) => c.status === 'in_progress' && leads(c, ctx) },
  {
    id: 'warning',
    label: 'deskq.warning',
    tone: 'warn',
    match: (c, ctx) => isWarning(c, ctx.now) && leads(c, ctx),
    compare: compareDeadline,
  },
  { id: 'handled', label: 'queue.fedBack', match: (c, ctx) => c.status === 'handled' && leads(c, ctx) },
  {
    id: 'assisting',
    label: 'queue.assisting',
    match: (c, { user }) => isOpenState(c.status) && !!user.departmentCode && c.assistDepts.includes(user.departmentCode),
    compare: compareAssist,
  },
];

/**
 * Urgent first, then the nearest deadline (overdue ones are the nearest), cases without one last,
 * then the oldest report: the order a desk works through a queue.
 */
export function compareUrgency(a: Incident, b: Incident): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  const da = a.deadline ? Date.parse(a.deadline) : Infinity;
  const db = b.deadline ? Date.parse(b.deadline) : Infinity;
  if (da !== db) return da < db ? -1 : 1;
  return a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The nearest deadline first (cases without one last), then as `compareUrgency`. */
export function compareDeadline(a: Incident, b: Incident): number {
  const da = a.deadline ? Date.parse(a.deadline) : Infinity;
  const db = b.deadline ? Date.parse(b.deadline) : Infinity;
  return da !== db ? (da < db ? -1 : 1) : compareUrgency(a, b);
}

/** Every queue with its cases in working order. */
export function buildQueues(incidents: Iterable<Incident>, defs: readonly QueueDef[], ctx: QueueContext): Queue[] {
  const queues = defs.map((def) => ({ def, items: [] as Incident[] }));
  for (const c of incidents) for (const q of queues) if (q.def.match(c, ctx)) q.items.push(c);
  for (const q of queues) {
    const compare = q.def.compare;
    q.items.sort(compare ? (a, b) => compare(a, b, ctx) : compareUrgency);
  }
  return queues;
}

/**
 * Cases waiting for this user's on-site check (/check): handled, and the policy lets this user
 * pass or fail them (their grids). Urgent first, then the longest waiting.
 */
export function awaitingCheck(incidents: Iterable<Incident>, user: User, now: Date): Incident[] {
  return [...incidents]
    .filter((c) => c.status === 'handled' && allowedActions(user, c, now).some((a) => a === 'check_pass' || a === 'check_fail'))
    .sort((a, b) => (a.urgent !== b.urgent ? (a.urgent ? -1 : 1) : (a.handledAt ?? '').localeCompare(b.handledAt ?? '')));
}

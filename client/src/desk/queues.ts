import { isCheckOverdue, isOverdue, type Incident } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import { isOpenState } from '@streetchief/shared/domain/workflow';
import type { MessageKey } from '../i18n/dict.ts';
import { allowedActions } from './actions.ts';

/** What a queue's filter may look at besides the case. */
export interface QueueContext {
  user: User;
  now: Date;
}

/** One queue on the left of a desk: a name and which cases belong in it. A case may be in several. */
export interface QueueDef {
  id: string;
  label: MessageKey;
  /** Queues that mean trouble show their count in red. */
  tone?: 'alert';
  match: (c: Incident, ctx: QueueContext) => boolean;
}

export interface Queue {
  def: QueueDef;
  items: Incident[];
}

/** The command centre's queues (docs/domain.md, "Who uses it": the dispatcher). */
export const DISPATCH_QUEUES: readonly QueueDef[] = [
  { id: 'reported', label: 'queue.reported', match: (c) => c.status === 'reported' },
  { id: 'registered', label: 'queue.registered', match: (c) => c.status === 'registered' && c.returnCount === 0 },
  { id: 'returned', label: 'queue.returned', match: (c) => c.status === 'registered' && c.returnCount > 0 },
  { id: 'extension', label: 'queue.extension', match: (c) => c.extension !== null && isOpenState(c.status) },
  { id: 'handled', label: 'queue.handled', match: (c) => c.status === 'handled' },
  // 核查超时: the on-site check waits past the class's check time limit (assign it to someone).
  { id: 'checkOverdue', label: 'queue.checkOverdue', tone: 'alert', match: (c, { now }) => isCheckOverdue(c, now) },
  { id: 'overdue', label: 'queue.overdue', tone: 'alert', match: (c, { now }) => isOverdue(c, now) },
  { id: 'escalated', label: 'queue.escalated', tone: 'alert', match: (c) => c.escalationLevel > 0 && isOpenState(c.status) },
  { id: 'parked', label: 'queue.parked', match: (c) => c.status === 'parked' },
];

/** Cases my department leads (it acts on them); assisting departments only see theirs. */
const leads = (c: Incident, { user }: QueueContext) => !!user.departmentCode && c.leadDept === user.departmentCode;

/** A department's queues (/dept). */
export const DEPT_QUEUES: readonly QueueDef[] = [
  { id: 'dispatched', label: 'queue.toAccept', match: (c, ctx) => c.status === 'dispatched' && leads(c, ctx) },
  { id: 'in_progress', label: 'queue.inProgress', match: (c, ctx) => c.status === 'in_progress' && leads(c, ctx) },
  { id: 'handled', label: 'queue.fedBack', match: (c, ctx) => c.status === 'handled' && leads(c, ctx) },
  {
    id: 'assisting',
    label: 'queue.assisting',
    match: (c, { user }) => isOpenState(c.status) && !!user.departmentCode && c.assistDepts.includes(user.departmentCode),
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

/** Every queue with its cases in working order. */
export function buildQueues(incidents: Iterable<Incident>, defs: readonly QueueDef[], ctx: QueueContext): Queue[] {
  const queues = defs.map((def) => ({ def, items: [] as Incident[] }));
  for (const c of incidents) for (const q of queues) if (q.def.match(c, ctx)) q.items.push(c);
  for (const q of queues) q.items.sort(compareUrgency);
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

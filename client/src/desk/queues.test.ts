import { describe, expect, it } from 'vitest';
import type { Incident } from '@streetchief/shared/domain/incident';
import { incidentFixture } from '@streetchief/shared/testing/incidentFixture';
import { ACTIONS, transitionFor } from '@streetchief/shared/domain/workflow';
import { ACTION_SPECS, allowedActions, buildActionBody, isOneClick, refusedAsLate, type CaseAction } from './actions.ts';
import { deadlineState, fromShanghaiLocalInput, lateMark, toShanghaiLocalInput } from './deadline.ts';
import { awaitingCheck, buildQueues, compareUrgency, DEPT_QUEUES, DISPATCH_QUEUES } from './queues.ts';
import { tabOrder } from './QueuePanel.tsx';
import { userFixture as user } from '@streetchief/shared/testing/userFixture';

const NOW = new Date('2026-11-30T04:00:00.000Z');
let n = 0;
/** A reported case due at 06:00 UTC; `over` sets what the test is about. */
function c(over: Partial<Incident> = {}): Incident {
  n++;
  return incidentFixture({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    status: 'reported',
    reportedAt: '2026-11-30T01:00:00.000Z',
    deadline: '2026-11-30T06:00:00.000Z',
    ...over,
  });
}

const ids = (qs: ReturnType<typeof buildQueues>) => Object.fromEntries(qs.map((q) => [q.def.id, q.items.map((i) => i.id)]));

describe('desk queues', () => {
  it('puts each case in the dispatch queues it belongs to', () => {
    const reported = c();
    const registered = c({ status: 'registered' });
    const returned = c({ status: 'registered', returnCount: 1 });
    const extension = c({
      status: 'in_progress',
      leadDept: 'hwc',
      extension: { requestedAt: '', requestedBy: 'u', reason: 'r', until: '2026-12-01T00:00:00.000Z' },
    });
    const handled = c({ status: 'handled', deadline: '2026-11-29T00:00:00.000Z' });
    const overdue = c({ status: 'dispatched', deadline: '2026-11-30T03:00:00.000Z', escalationLevel: 1 });
    const closedEscalated = c({ status: 'closed', escalationLevel: 2 });
    const parked = c({ status: 'parked' });
    // Its on-site check was due an hour before NOW: 核查超时 as well as 待核查.
    const checkLate = c({ status: 'handled', checkDueAt: new Date(NOW.getTime() - 3_600_000).toISOString() });
    // The scheduler's 80% warning is up, the deadline (06:00) not yet passed: 预警.
    const warned = c({ status: 'in_progress', leadDept: 'hwc', warnedAt: '2026-11-30T03:00:00.000Z' });
    // Went late, then a meeting set a new deadline: still overdue, not a warning (warnedAt of the old clock).
    const redated = c({
      status: 'dispatched',
      deadline: '2026-12-02T00:00:00.000Z',
      lateAt: '2026-11-29T09:00:00.000Z',
      warnedAt: '2026-11-29T08:00:00.000Z',
    });
    const all = [reported, registered, returned, extension, handled, overdue, closedEscalated, parked, checkLate, warned, redated];
    const qs = buildQueues(all, DISPATCH_QUEUES, {
      user: user('dispatcher'),
      now: NOW,
    });
    expect(ids(qs)).toEqual({
      reported: [reported.id],
      registered: [registered.id],
      returned: [returned.id],
      extension: [extension.id],
      handled: [handled.id, checkLate.id],
      checkOverdue: [checkLate.id],
      // A handled case past its deadline is not overdue: handling is done (DEADLINE_STATES).
      overdue: [overdue.id, redated.id],
      warning: [warned.id],
      escalated: [overdue.id],
      parked: [parked.id],
    });
  });

  it('shows a department only the cases it leads, and those it assists apart', () => {
    const mine = c({ status: 'dispatched', leadDept: 'hwc' });
    const other = c({ status: 'dispatched', leadDept: 'cgj', assistDepts: ['hwc'] });
    const working = c({ status: 'in_progress', leadDept: 'hwc' });
    const done = c({ status: 'handled', leadDept: 'hwc' });
    const qs = buildQueues([mine, other, working, done], DEPT_QUEUES, { user: user('dept_handler', { departmentCode: 'hwc' }), now: NOW });
    expect(ids(qs)).toEqual({ dispatched: [mine.id], in_progress: [working.id], warning: [], handled: [done.id], assisting: [other.id] });
  });

  it('warns a department of its own cases only, nearest deadline first, even before an urgent one', () => {
    const warnedAt = '2026-11-30T03:00:00.000Z';
    const later = c({ status: 'in_progress', leadDept: 'hwc', warnedAt, deadline: '2026-11-30T07:00:00.000Z', urgent: true });
    const sooner = c({ status: 'dispatched', leadDept: 'hwc', warnedAt, deadline: '2026-11-30T05:00:00.000Z' });
    const others = c({ status: 'in_progress', leadDept: 'cgj', assistDepts: ['hwc'], warnedAt });
    const qs = buildQueues([later, sooner, others], DEPT_QUEUES, { user: user('dept_handler', { departmentCode: 'hwc' }), now: NOW });
    expect(ids(qs).warning).toEqual([sooner.id, later.id]);
    expect(ids(qs).assisting).toEqual([others.id]);
  });

  it('lists the cases my department assists with its open parts first', () => {
    const done = c({
      status: 'in_progress',
      leadDept: 'cgj',
      assistDepts: ['hwc'],
      assists: [{ dept: 'hwc', notes: 1, doneAt: '2026-11-30T03:00:00.000Z' }],
      urgent: true,
    });
    const open = c({ status: 'dispatched', leadDept: 'cgj', assistDepts: ['hwc'], assists: [{ dept: 'hwc', notes: 0, doneAt: null }] });
    const qs = buildQueues([done, open], DEPT_QUEUES, { user: user('dept_handler', { departmentCode: 'hwc' }), now: NOW });
    expect(ids(qs).assisting).toEqual([open.id, done.id]);
  });

  it('gives the number keys to nine queues, then the views (日报 keeps 0), then further queues', () => {
    const dispatch = DISPATCH_QUEUES.map((q) => q.id);
    const order = tabOrder(dispatch, ['filing']);
    expect(order.slice(0, 9)).toEqual(dispatch.slice(0, 9));
    expect(order[9]).toBe('filing');
    expect(order.slice(10)).toEqual(dispatch.slice(9));
    // The keys people already know stay: 3 回退 on /dispatch, 2 处置中 on /dept.
    expect(order[2]).toBe('returned');
    expect(DEPT_QUEUES[1]!.id).toBe('in_progress');
  });

  it('lists for an on-site check the handled cases in my grids, longest waiting first', () => {
    const later = c({ status: 'handled', handledAt: '2026-11-30T03:00:00.000Z' });
    const earlier = c({ status: 'handled', handledAt: '2026-11-30T02:00:00.000Z' });
    const elsewhere = c({ status: 'handled', gridCode: '35040400200802' });
    const working = c({ status: 'in_progress' });
    const staff = user('grid_staff', { gridCodes: ['35040400200801'] });
    expect(awaitingCheck([later, earlier, elsewhere, working], staff, NOW).map((x) => x.id)).toEqual([earlier.id, later.id]);
    expect(awaitingCheck([later], user('dispatcher'), NOW)).toEqual([]);
  });

  it('sorts urgent first, then by deadline (none last), then oldest report', () => {
    const late = c({ deadline: '2026-11-30T09:00:00.000Z' });
    const soon = c({ deadline: '2026-11-30T05:00:00.000Z' });
    const urgent = c({ urgent: true, deadline: '2026-12-02T00:00:00.000Z' });
    const none = c({ deadline: null });
    const sameDeadlineOlder = c({ deadline: '2026-11-30T09:00:00.000Z', reportedAt: '2026-11-29T00:00:00.000Z' });
    expect([late, none, soon, urgent, sameDeadlineOlder].sort(compareUrgency).map((x) => x.id)).toEqual(
      [urgent, soon, sameDeadlineOlder, late, none].map((x) => x.id),
    );
  });
});

describe('desk actions', () => {
  it('offers exactly what the workflow table and policy allow', () => {
    const dispatcher = user('dispatcher');
    const hwc = user('dept_handler', { departmentCode: 'hwc' });
    expect(allowedActions(dispatcher, c(), NOW)).toEqual(['register', 'void', 'comment']);
    expect(allowedActions(dispatcher, c({ status: 'registered' }), NOW)).toEqual(['dispatch', 'park', 'comment']);
    expect(allowedActions(hwc, c({ status: 'dispatched', leadDept: 'hwc' }), NOW)).toEqual(['accept', 'return', 'request_extension']);
    // An assisting department (协办) takes its own two steps, none of the lead's.
    expect(allowedActions(hwc, c({ status: 'dispatched', leadDept: 'cgj', assistDepts: ['hwc'] }), NOW)).toEqual([
      'assist_note',
      'assist_done',
    ]);
    const pending = c({
      status: 'in_progress',
      leadDept: 'hwc',
      extension: { requestedAt: '', requestedBy: 'u', reason: 'r', until: '2026-12-01T00:00:00.000Z' },
    });
    expect(allowedActions(hwc, pending, NOW)).toEqual(['return', 'feedback']);
    expect(allowedActions(dispatcher, pending, NOW)).toEqual(['approve_extension', 'reject_extension', 'park', 'comment']);
    const grid = user('grid_staff', { gridCodes: ['35040400200801'] });
    expect(allowedActions(grid, c({ status: 'handled' }), NOW)).toEqual(['check_pass', 'check_fail']);
    expect(allowedActions(grid, c({ status: 'handled', gridCode: '35040400200802' }), NOW)).toEqual([]);
    expect(allowedActions(user('wall'), c({ status: 'handled' }), NOW)).toEqual([]);
  });

  it('takes the extension steps away once the deadline has passed, and says why', () => {
    const hwc = user('dept_handler', { departmentCode: 'hwc' });
    const dispatcher = user('dispatcher');
    const late = c({ status: 'in_progress', leadDept: 'hwc', deadline: '2026-11-30T03:00:00.000Z' });
    expect(allowedActions(hwc, late, NOW)).not.toContain('request_extension');
    expect(refusedAsLate(hwc, late, NOW)).toEqual(['request_extension']);
    // Re-dated by a meeting: still late, still no extension.
    const redated = { ...late, deadline: '2026-12-02T00:00:00.000Z', lateAt: '2026-11-30T03:00:00.000Z' };
    expect(refusedAsLate(hwc, redated, NOW)).toEqual(['request_extension']);
    const asked = {
      ...late,
      extension: { requestedAt: '', requestedBy: 'u', reason: 'r', until: '2026-12-01T00:00:00.000Z' },
    };
    expect(allowedActions(dispatcher, asked, NOW)).toEqual(['reject_extension', 'park', 'comment']);
    expect(refusedAsLate(dispatcher, asked, NOW)).toEqual(['approve_extension']);
    // On time: the button, no reason; another department or an assisting one: neither.
    const onTime = c({ status: 'in_progress', leadDept: 'hwc' });
    expect(allowedActions(hwc, onTime, NOW)).toContain('request_extension');
    expect(refusedAsLate(hwc, onTime, NOW)).toEqual([]);
    expect(refusedAsLate(hwc, { ...late, leadDept: 'cgj', assistDepts: ['hwc'] }, NOW)).toEqual([]);
  });

  it('asks for a reason exactly where the table requires one, and has unique shortcut keys', () => {
    for (const a of ACTIONS) {
      if (a === 'report') continue;
      const spec = ACTION_SPECS[a as CaseAction];
      expect(spec.text?.field === 'reason' && spec.text.required, a).toBe(transitionFor(a).needsReason);
    }
    const keys = Object.values(ACTION_SPECS).map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect('jkhl?'.includes(k)).toBe(false);
    expect(isOneClick('register')).toBe(true);
    expect(isOneClick('accept')).toBe(true);
    expect(isOneClick('dispatch')).toBe(false);
  });

  it('builds bodies with the shared schema and names the missing field', () => {
    expect(buildActionBody('dispatch', 2, { leadDept: 'hwc', assistDepts: ['hwc', 'cgj'] })).toEqual({
      ok: true,
      body: { type: 'dispatch', expectedVersion: 2, leadDept: 'hwc', assistDepts: ['cgj'] },
    });
    expect(buildActionBody('return', 3, { text: '  ' })).toMatchObject({ ok: false, field: 'reason' });
    const pass = buildActionBody('check_pass', 5, { text: '' });
    expect(pass.ok && pass.body).toEqual({ type: 'check_pass', expectedVersion: 5, photoIds: [] });
    expect(buildActionBody('request_extension', 4, { text: '材料未到', date: '2026-12-01T10:00:00+08:00' })).toMatchObject({ ok: true });
    expect(buildActionBody('request_extension', 4, { text: '材料未到' })).toMatchObject({ ok: false, field: 'until' });
    // 例会决定: the re-dispatch and the new deadline are optional.
    expect(buildActionBody('decide', 6, { text: '限期整改', leadDept: '' })).toEqual({
      ok: true,
      body: { type: 'decide', expectedVersion: 6, reason: '限期整改', assistDepts: [] },
    });
    expect(buildActionBody('decide', 6, { text: '改派城管', leadDept: 'cgj', date: '2026-12-03T17:30:00+08:00' })).toMatchObject({
      ok: true,
      body: { leadDept: 'cgj', deadline: '2026-12-03T17:30:00+08:00' },
    });
  });
});

describe('deadlines', () => {
  it('tells over, left, provisional and none apart', () => {
    expect(deadlineState(c({ status: 'dispatched', deadline: '2026-11-30T03:00:00.000Z' }), NOW)).toEqual({ kind: 'over', ms: 3_600_000 });
    expect(deadlineState(c({ status: 'in_progress' }), NOW)).toEqual({ kind: 'left', ms: 7_200_000 });
    expect(deadlineState(c(), NOW)).toEqual({ kind: 'provisional', ms: 7_200_000 });
    expect(deadlineState(c({ status: 'handled', deadline: '2026-11-29T00:00:00.000Z' }), NOW)).toEqual({ kind: 'none' });
    // Went late, then re-dated by a meeting: the countdown runs to the new deadline.
    expect(deadlineState(c({ status: 'in_progress', lateAt: '2026-11-29T09:00:00.000Z' }), NOW)).toEqual({ kind: 'left', ms: 7_200_000 });
  });

  it('marks a case that went late for good: 已超期, or 曾超期 with the deadline it missed', () => {
    expect(lateMark(c({ status: 'in_progress' }), NOW)).toBeNull();
    expect(lateMark(c({ status: 'in_progress', deadline: '2026-11-30T03:00:00.000Z' }), NOW)).toEqual({
      kind: 'late',
      missed: '2026-11-30T03:00:00.000Z',
    });
    const missed = '2026-11-29T09:00:00.000Z';
    expect(lateMark(c({ status: 'in_progress', lateAt: missed }), NOW)).toEqual({ kind: 'wasLate', missed });
    // Handed in or closed after going late: the fact stays.
    expect(lateMark(c({ status: 'closed', deadline: missed, lateAt: missed }), NOW)).toEqual({ kind: 'late', missed });
    expect(lateMark(c({ status: 'closed', deadline: missed }), NOW)).toBeNull();
  });

  it('reads and writes datetime-local values in Shanghai time', () => {
    expect(toShanghaiLocalInput(Date.parse('2026-11-30T04:05:00.000Z'))).toBe('2026-11-30T12:05');
    expect(fromShanghaiLocalInput('2026-11-30T12:05')).toBe('2026-11-30T12:05:00+08:00');
    expect(fromShanghaiLocalInput('')).toBeNull();
  });
});

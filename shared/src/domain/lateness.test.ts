import { describe, expect, it } from 'vitest';
import type { ActionBody } from './actions.ts';
import type { CaseClass } from './catalogue.ts';
import { isLate, isOverdue, isWarning, judgedDeadline, type Incident } from './incident.ts';
import { checkAction, EXTENSION_AFTER_DEADLINE } from './policy.ts';
import { applyAction, reportIncident, systemMark } from './transition.ts';
import { userFixture as user } from '../testing/userFixture.ts';

const H = 3_600_000;
const cls: CaseClass = {
  code: 'E0101',
  kind: 'event',
  major: '市容环境',
  name: '暴露垃圾',
  departmentCode: 'hwc',
  timeLimit: { value: 4, unit: 'hours' },
  urgent: false,
};
/** Deadlines are 4 h of plain time after the step that sets them. */
const ctx = (at: Date, departmentCode: string | null = null) => ({
  actor: { id: 'u', role: 'x', name: 'x', departmentCode },
  now: at,
  deadline: (from: Date) => new Date(from.getTime() + 4 * H),
  workingMs: (a: Date, b: Date) => b.getTime() - a.getTime(),
});
const T0 = Date.parse('2026-12-01T01:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H);
const hwc = user('dept_handler', { departmentCode: 'hwc' });
const desk = user('dispatcher');

/** An action body without its version (the step adds the case's). */
type Step = { [T in ActionBody['type']]: Omit<Extract<ActionBody, { type: T }>, 'expectedVersion'> }[ActionBody['type']];

function step(c: Incident, hours: number, body: Step, dept: string | null = null): Incident {
  return applyAction(c, { ...body, expectedVersion: c.version } as ActionBody, cls, ctx(at(hours), dept)).incident;
}

/** Reported at T0, dispatched to hwc with cgj assisting at +1 h (deadline +5 h), accepted at +2 h. */
function inProgress(): Incident {
  let c = reportIncident(
    {
      id: '00000000-0000-4000-8000-000000000001',
      category: 'E0101',
      description: 'x',
      lng: 117.6,
      lat: 26.25,
      source: 'patrol',
      photoIds: [],
    },
    { gridCode: '35040400200801', communityCode: '350404002008', streetCode: '350404002' },
    cls,
    null,
    ctx(at(0)),
  ).incident;
  c = step(c, 0.5, { type: 'register' });
  c = step(c, 1, { type: 'dispatch', leadDept: 'hwc', assistDepts: ['cgj'] });
  return step(c, 2, { type: 'accept' }, 'hwc');
}

describe('lateness is a fact of the case', () => {
  it('an extension is refused once the deadline has passed, with the reason', () => {
    const c = inProgress();
    expect(c.deadline).toBe(at(5).toISOString());
    expect(checkAction(hwc, c, 'request_extension', at(4))).toBeNull();
    expect(checkAction(hwc, c, 'request_extension', at(6))).toEqual({ status: 409, reason: EXTENSION_AFTER_DEADLINE });
    // Asked for in time but not decided in time: the approval is refused too; a rejection is not.
    const asked = step(c, 4, { type: 'request_extension', reason: '需协调', until: at(30).toISOString() }, 'hwc');
    expect(checkAction(desk, asked, 'approve_extension', at(4.5))).toBeNull();
    expect(checkAction(desk, asked, 'approve_extension', at(5.5))?.status).toBe(409);
    expect(checkAction(desk, asked, 'reject_extension', at(5.5))).toBeNull();
  });

  it('an extension approved before the deadline moves it; the case is not late', () => {
    let c = inProgress();
    c = step(c, 3, { type: 'request_extension', reason: '需协调', until: at(30).toISOString() }, 'hwc');
    c = step(c, 4, { type: 'approve_extension' });
    expect(c).toMatchObject({ deadline: at(30).toISOString(), lateAt: null });
    expect(isLate(c, at(20))).toBe(false);
  });

  it('a meeting re-dating a late case leaves it late and overdue, judged by the deadline it missed', () => {
    let c = inProgress();
    c = systemMark(c, 'overdue', ctx(at(5.1))).incident;
    expect(c.lateAt).toBe(at(5).toISOString());
    c = step(c, 72, { type: 'escalate', reason: '督办' });
    c = step(c, 74, { type: 'decide', reason: '联席例会', assistDepts: [], deadline: at(120).toISOString() });
    expect(c).toMatchObject({ deadline: at(120).toISOString(), lateAt: at(5).toISOString(), overdueAt: null });
    expect(isOverdue(c, at(75))).toBe(true);
    expect(isWarning({ ...c, warnedAt: at(100).toISOString() }, at(101))).toBe(false);
    expect(judgedDeadline(c)).toBe(at(5).toISOString());
    // Handed in: no longer overdue (the clock stops), still late.
    c = step(c, 80, { type: 'feedback', note: '已处置', photoIds: [] }, 'hwc');
    expect(isOverdue(c, at(81))).toBe(false);
    expect(isLate(c, at(81))).toBe(true);
  });

  it('a step after the deadline records it even before the scheduler has', () => {
    const c = step(inProgress(), 7, { type: 'feedback', note: '晚了', photoIds: [] }, 'hwc');
    expect(c.lateAt).toBe(at(5).toISOString());
    // Re-dispatch after a return keeps the fact too.
    const back = step(step(inProgress(), 6, { type: 'return', reason: '非本单位' }, 'hwc'), 7, {
      type: 'dispatch',
      leadDept: 'cgj',
      assistDepts: [],
    });
    expect(back.lateAt).toBe(at(5).toISOString());
    expect(back.deadline).toBe(at(11).toISOString());
  });

  it('on time, nothing is recorded', () => {
    const c = step(inProgress(), 4, { type: 'feedback', note: '按期', photoIds: [] }, 'hwc');
    expect(c.lateAt).toBeNull();
    expect(isLate(c, at(50))).toBe(false);
  });
});

describe('协办: assisting departments work on the case', () => {
  it('the assisting department adds notes and marks its part done; the lead sees the count and the time', () => {
    const cgj = user('dept_handler', { departmentCode: 'cgj' });
    let c = inProgress();
    expect(c.assists).toEqual([{ dept: 'cgj', notes: 0, doneAt: null }]);
    expect(checkAction(cgj, c, 'assist_note', at(3))).toBeNull();
    expect(checkAction(hwc, c, 'assist_note', at(3))?.status).toBe(403);
    expect(checkAction(cgj, c, 'feedback', at(3))?.status).toBe(403);
    c = step(c, 3, { type: 'assist_note', note: '已关阀', photoIds: ['00000000-0000-4000-8000-0000000000a1'] }, 'cgj');
    expect(c.photos.at(-1)).toMatchObject({ stage: 'assist' });
    c = step(c, 3.5, { type: 'assist_done' }, 'cgj');
    expect(c.assists).toEqual([{ dept: 'cgj', notes: 1, doneAt: at(3.5).toISOString() }]);
    expect(checkAction(cgj, c, 'assist_done', at(4))?.status).toBe(409);
    // A return clears the parts; a new dispatch gives fresh ones.
    c = step(c, 4, { type: 'return', reason: '改派' }, 'hwc');
    expect(c.assists).toEqual([]);
  });
});

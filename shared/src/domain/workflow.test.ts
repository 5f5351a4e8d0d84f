import { describe, expect, it } from 'vitest';
import { ACTIONS, actionsFor, CASE_STATES, tableAllows, WORKFLOW, type Action, type CaseState } from './workflow.ts';
import { ROLES, type Role } from './roles.ts';
import { checkAction, canSee, roomsOfIncident, roomsOfUser } from './policy.ts';
import { applyAction, reportIncident } from './transition.ts';
import type { Incident } from './incident.ts';
import type { CaseClass } from './catalogue.ts';
import { userFixture as user } from '../testing/userFixture.ts';

/** docs/domain.md "The case workflow", written out independently of the table to check it. */
const EXPECTED: [Action, (CaseState | null)[], string, Role[]][] = [
  ['report', [null], 'reported', ['patrol', 'grid_staff', 'dispatcher', 'admin']],
  ['register', ['reported'], 'registered', ['dispatcher', 'admin']],
  ['void', ['reported'], 'voided', ['dispatcher', 'admin']],
  ['dispatch', ['registered'], 'dispatched', ['dispatcher', 'admin']],
  ['accept', ['dispatched'], 'in_progress', ['dept_handler']],
  ['return', ['dispatched', 'in_progress'], 'registered', ['dept_handler']],
  ['feedback', ['in_progress'], 'handled', ['dept_handler']],
  ['check_pass', ['handled'], 'closed', ['grid_staff', 'patrol']],
  ['check_fail', ['handled'], 'in_progress', ['grid_staff', 'patrol']],
  ['request_extension', ['dispatched', 'in_progress'], 'same', ['dept_handler']],
  ['approve_extension', ['dispatched', 'in_progress'], 'same', ['dispatcher', 'admin']],
  ['reject_extension', ['dispatched', 'in_progress'], 'same', ['dispatcher', 'admin']],
  ['park', ['registered', 'dispatched', 'in_progress'], 'parked', ['dispatcher', 'admin', 'supervisor']],
  ['unpark', ['parked'], 'unparked', ['dispatcher', 'admin', 'supervisor']],
  [
    'escalate',
    ['reported', 'registered', 'dispatched', 'in_progress', 'handled', 'parked'],
    'same',
    ['street_chief', 'supervisor', 'admin'],
  ],
];

describe('workflow table', () => {
  it('has one row per action', () => {
    expect(WORKFLOW.map((t) => t.action).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(EXPECTED)('%s: from %j to %s by %j', (action, from, to, roles) => {
    const row = WORKFLOW.find((t) => t.action === action)!;
    expect([...row.from].sort()).toEqual([...from].sort());
    expect(row.to).toBe(to);
    expect([...row.roles].sort()).toEqual([...roles].sort());
  });

  it('allows exactly the listed (state, action, role) triples', () => {
    for (const t of WORKFLOW) {
      for (const state of [null, ...CASE_STATES]) {
        for (const role of ROLES) {
          expect(tableAllows(state, t.action, role)).toBe(t.from.includes(state) && t.roles.includes(role));
        }
      }
    }
  });

  it('final states allow nothing, and the wall role never acts', () => {
    for (const role of ROLES) {
      expect(actionsFor('closed', role)).toEqual([]);
      expect(actionsFor('voided', role)).toEqual([]);
    }
    for (const s of CASE_STATES) expect(actionsFor(s, 'wall')).toEqual([]);
  });

  it('every row that needs a reason is one a user explains (void, return, fail, park …)', () => {
    const needs = WORKFLOW.filter((t) => t.needsReason)
      .map((t) => t.action)
      .sort();
    expect(needs).toEqual(
      ['check_fail', 'comment', 'decide', 'escalate', 'park', 'reject_extension', 'request_extension', 'return', 'void'].sort(),
    );
  });
});

const cls: CaseClass = {
  code: 'E0101',
  kind: 'event',
  major: '市容环境',
  name: '暴露垃圾',
  departmentCode: 'hwc',
  timeLimit: { value: 4, unit: 'hours' },
  urgent: false,
};
const actor = { id: 'u', role: 'dispatcher', name: 'D' };
/** Before any deadline the tests set (cases are reported on 2026-11-29). */
const NOW = new Date('2026-11-29T00:00:00.000Z');
const ctx = (iso: string) => ({
  actor,
  now: new Date(iso),
  deadline: (from: Date) => new Date(from.getTime() + 4 * 3_600_000),
  workingMs: (a: Date, b: Date) => b.getTime() - a.getTime(),
});
function freshCase(): Incident {
  return reportIncident(
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
    'u-reporter',
    ctx('2026-12-01T01:00:00Z'),
  ).incident;
}

describe('transitions and policy', () => {
  it('walks a case through all seven stages with versions and counters', () => {
    let c = freshCase();
    const steps = [
      { type: 'register', expectedVersion: 1 },
      { type: 'dispatch', expectedVersion: 2, leadDept: 'hwc', assistDepts: ['cgj', 'hwc'] },
      { type: 'accept', expectedVersion: 3 },
      { type: 'feedback', expectedVersion: 4, note: '已清理', photoIds: ['00000000-0000-4000-8000-0000000000f1'] },
      { type: 'check_fail', expectedVersion: 5, reason: '未清理干净', photoIds: ['00000000-0000-4000-8000-0000000000c1'] },
      { type: 'feedback', expectedVersion: 6, note: '再次清理', photoIds: [] },
      { type: 'check_pass', expectedVersion: 7, photoIds: [] },
    ] as const;
    const states: string[] = [];
    for (const b of steps) {
      c = applyAction(c, b as never, cls, ctx('2026-12-01T02:00:00Z')).incident;
      states.push(c.status);
    }
    expect(states).toEqual(['registered', 'dispatched', 'in_progress', 'handled', 'in_progress', 'handled', 'closed']);
    expect(c).toMatchObject({ version: 8, reworkCount: 1, leadDept: 'hwc', assistDepts: ['cgj'], closedAt: '2026-12-01T02:00:00.000Z' });
    expect(c.photos.map((p) => [p.id.slice(-2), p.stage])).toEqual([
      ['f1', 'feedback'],
      ['c1', 'check'],
    ]);
  });

  it('park returns to the state it left; a return clears the departments', () => {
    let c = freshCase();
    c = applyAction(c, { type: 'register', expectedVersion: 1 }, cls, ctx('2026-12-01T02:00:00Z')).incident;
    c = applyAction(
      c,
      { type: 'dispatch', expectedVersion: 2, leadDept: 'hwc', assistDepts: [] },
      cls,
      ctx('2026-12-01T02:00:00Z'),
    ).incident;
    const parked = applyAction(c, { type: 'park', expectedVersion: 3, reason: '长期' }, cls, ctx('2026-12-01T03:00:00Z')).incident;
    expect(parked).toMatchObject({ status: 'parked', parkedFrom: 'dispatched' });
    const back = applyAction(parked, { type: 'unpark', expectedVersion: 4 }, cls, ctx('2026-12-02T03:00:00Z')).incident;
    expect(back).toMatchObject({ status: 'dispatched', parkedFrom: null });
    const returned = applyAction(
      back,
      { type: 'return', expectedVersion: 5, reason: '非本单位' },
      cls,
      ctx('2026-12-02T04:00:00Z'),
    ).incident;
    expect(returned).toMatchObject({ status: 'registered', leadDept: null, returnCount: 1 });
  });

  it('checkAction: 409 for the state, 403 for the role or scope, guards for extensions', () => {
    const c = freshCase();
    expect(checkAction(user('dispatcher'), c, 'register', NOW)).toBeNull();
    expect(checkAction(user('dept_handler', { departmentCode: 'hwc' }), c, 'register', NOW)?.status).toBe(403);
    expect(checkAction(user('dispatcher'), c, 'accept', NOW)?.status).toBe(409);
    const dispatched = { ...c, status: 'dispatched' as const, leadDept: 'hwc' };
    expect(checkAction(user('dept_handler', { departmentCode: 'hwc' }), dispatched, 'accept', NOW)).toBeNull();
    expect(checkAction(user('dept_handler', { departmentCode: 'szj' }), dispatched, 'accept', NOW)?.status).toBe(403);
    expect(checkAction(user('dispatcher'), dispatched, 'approve_extension', NOW)?.status).toBe(409);
    const handled = { ...c, status: 'handled' as const };
    expect(checkAction(user('grid_staff', { gridCodes: ['35040400200801'] }), handled, 'check_pass', NOW)).toBeNull();
    expect(checkAction(user('grid_staff', { gridCodes: ['35040400100101'] }), handled, 'check_pass', NOW)?.status).toBe(403);
    expect(checkAction(user('wall'), handled, 'check_pass', NOW)?.status).toBe(403);
  });

  it('visibility: rooms of a user meet rooms of a case exactly when they may see it', () => {
    const c = { ...freshCase(), leadDept: 'hwc', assistDepts: ['cgj'] };
    expect(canSee(user('wall'), c)).toBe(true);
    expect(canSee(user('street_chief', { streetCode: '350404002' }), c)).toBe(true);
    expect(canSee(user('street_chief', { streetCode: '350404001' }), c)).toBe(false);
    expect(canSee(user('dept_handler', { departmentCode: 'cgj' }), c)).toBe(true);
    expect(canSee(user('dept_handler', { departmentCode: 'szj' }), c)).toBe(false);
    expect(canSee(user('patrol', { id: 'u-reporter' }), c)).toBe(true);
    expect(roomsOfIncident(c)).toContain('grid:35040400200801');
    expect(roomsOfUser(user('grid_staff', { gridCodes: ['35040400200801'] }))).toContain('grid:35040400200801');
  });
});

describe('joint meeting decisions', () => {
  it('a decision with a re-dispatch dispatches the case anew, with a new deadline and a responsible chief', () => {
    let c = freshCase();
    c = applyAction(c, { type: 'register', expectedVersion: 1 }, cls, ctx('2026-12-01T02:00:00Z')).incident;
    c = applyAction(
      c,
      { type: 'dispatch', expectedVersion: 2, leadDept: 'hwc', assistDepts: [] },
      cls,
      ctx('2026-12-01T02:00:00Z'),
    ).incident;
    c = applyAction(c, { type: 'park', expectedVersion: 3, reason: '长期' }, cls, ctx('2026-12-02T02:00:00Z')).incident;
    const { incident, event } = applyAction(
      c,
      {
        type: 'decide',
        expectedVersion: 4,
        reason: '改派城管',
        leadDept: 'cgj',
        assistDepts: ['hwc'],
        deadline: '2026-12-10T09:00:00+08:00',
        responsibleChief: '列西街长',
      },
      cls,
      ctx('2026-12-03T02:00:00Z'),
    );
    expect(incident).toMatchObject({
      status: 'dispatched',
      leadDept: 'cgj',
      assistDepts: ['hwc'],
      deadline: '2026-12-10T01:00:00.000Z',
      responsibleChief: '列西街长',
      parkedAt: null,
      parkedFrom: null,
      dispatchedAt: '2026-12-03T02:00:00.000Z',
    });
    expect(event).toMatchObject({ kind: 'decide', reason: '改派城管' });
  });

  it('a decision with only a note keeps the state', () => {
    const c = { ...freshCase(), status: 'in_progress' as const };
    const { incident } = applyAction(
      c,
      { type: 'decide', expectedVersion: 1, reason: '督促', assistDepts: [] },
      cls,
      ctx('2026-12-03T02:00:00Z'),
    );
    expect(incident.status).toBe('in_progress');
    expect(incident.deadline).toBe(c.deadline);
  });
});

import { z } from 'zod';
import type { Role } from './roles.ts';

/**
 * The case workflow (联动交办) as one table. The server enforces it; the client enables buttons
 * from it. Guards that depend on the case (pending extension, scope) live in `policy.ts`.
 */
export const CASE_STATES = [
  'reported', // 信息采集: reported, not yet verified
  'registered', // 立案
  'voided', // 作废
  'dispatched', // 派遣: waiting for the department to accept
  'in_progress', // 处置
  'handled', // 反馈: waiting for the on-site check
  'closed', // 结案
  'parked', // 挂账/缓办: long-term case, out of the on-time denominator
] as const;
export const CaseStateSchema = z.enum(CASE_STATES);
export type CaseState = z.infer<typeof CaseStateSchema>;

/** States from which a case is finished. */
export const FINAL_STATES: readonly CaseState[] = ['voided', 'closed'];
export const isOpenState = (s: CaseState): boolean => !FINAL_STATES.includes(s);

/**
 * States in which the handling deadline runs: a case here past its deadline is overdue. Not while
 * reported (not yet verified), parked (挂账: out of the clock), handled (handling is done, waiting
 * for the on-site check) or finished.
 */
export const DEADLINE_STATES: readonly CaseState[] = ['registered', 'dispatched', 'in_progress'];

export const ACTIONS = [
  'report',
  'register',
  'void',
  'dispatch',
  'accept',
  'return',
  'feedback',
  'assign_check',
  'check_pass',
  'check_fail',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'park',
  'unpark',
  'escalate',
  'comment',
  'decide',
  'assist_note',
  'assist_done',
] as const;
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

/** Where a transition leads: a state, the same state, or back to where a parked case came from. */
export type Target = CaseState | 'same' | 'unparked';

export interface Transition {
  action: Action;
  /** `null` means a new case. */
  from: readonly (CaseState | null)[];
  to: Target;
  roles: readonly Role[];
  /** A reason (回退, 作废, 延期 …) is required. */
  needsReason: boolean;
  /**
   * A user the case names in this field may take the step wherever the case is: the checker the
   * desk assigned (指派核查) checks outside their own grids. Their role must still be in `roles`.
   */
  named?: 'checkerId';
}

const OPEN: readonly CaseState[] = ['reported', 'registered', 'dispatched', 'in_progress', 'handled', 'parked'];
const DESK: readonly Role[] = ['dispatcher', 'admin'];
const DECIDABLE: readonly CaseState[] = ['registered', 'dispatched', 'in_progress', 'handled', 'parked'];
const CHECKERS: readonly Role[] = ['grid_staff', 'patrol'];

/** The table. One row per action; docs/domain.md "The case workflow" in code. */
export const WORKFLOW: readonly Transition[] = [
  { action: 'report', from: [null], to: 'reported', roles: ['patrol', 'grid_staff', 'dispatcher', 'admin'], needsReason: false },
  { action: 'register', from: ['reported'], to: 'registered', roles: DESK, needsReason: false },
  { action: 'void', from: ['reported'], to: 'voided', roles: DESK, needsReason: true },
  { action: 'dispatch', from: ['registered'], to: 'dispatched', roles: DESK, needsReason: false },
  { action: 'accept', from: ['dispatched'], to: 'in_progress', roles: ['dept_handler'], needsReason: false },
  { action: 'return', from: ['dispatched', 'in_progress'], to: 'registered', roles: ['dept_handler'], needsReason: true },
  { action: 'feedback', from: ['in_progress'], to: 'handled', roles: ['dept_handler'], needsReason: false },
  // 指派核查: the desk names a patrol or grid staff member for the check, e.g. where the grid has no
  // checker account of its own; the command checks that the named user is one.
  { action: 'assign_check', from: ['handled'], to: 'same', roles: [...DESK, 'supervisor'], needsReason: false },
  { action: 'check_pass', from: ['handled'], to: 'closed', roles: CHECKERS, needsReason: false, named: 'checkerId' },
  { action: 'check_fail', from: ['handled'], to: 'in_progress', roles: CHECKERS, needsReason: true, named: 'checkerId' },
  { action: 'request_extension', from: ['dispatched', 'in_progress'], to: 'same', roles: ['dept_handler'], needsReason: true },
  { action: 'approve_extension', from: ['dispatched', 'in_progress'], to: 'same', roles: DESK, needsReason: false },
  { action: 'reject_extension', from: ['dispatched', 'in_progress'], to: 'same', roles: DESK, needsReason: true },
  { action: 'park', from: ['registered', 'dispatched', 'in_progress'], to: 'parked', roles: [...DESK, 'supervisor'], needsReason: true },
  { action: 'unpark', from: ['parked'], to: 'unparked', roles: [...DESK, 'supervisor'], needsReason: false },
  { action: 'escalate', from: OPEN, to: 'same', roles: ['street_chief', 'supervisor', 'admin'], needsReason: true },
  { action: 'comment', from: OPEN, to: 'same', roles: ['supervisor', 'street_chief', 'dispatcher', 'admin'], needsReason: true },
  // 联席例会 decision: a note, and optionally a re-dispatch (then the case is dispatched anew), a
  // new deadline and a responsible chief.
  { action: 'decide', from: DECIDABLE, to: 'same', roles: ['supervisor', 'street_chief', 'admin'], needsReason: true },
  // 协办: an assisting department records its work (a note, photos) and says when its part is done;
  // the lead department gives the feedback for the whole case. `inScope` (policy.ts) lets only
  // the assisting departments take these two, and only the lead department the lead's steps.
  { action: 'assist_note', from: ['dispatched', 'in_progress'], to: 'same', roles: ['dept_handler'], needsReason: false },
  { action: 'assist_done', from: ['dispatched', 'in_progress'], to: 'same', roles: ['dept_handler'], needsReason: false },
];

/** The steps an assisting department (协办) takes; every other department step is the lead's. */
export const ASSIST_ACTIONS: readonly Action[] = ['assist_note', 'assist_done'];

const BY_ACTION = new Map(WORKFLOW.map((t) => [t.action, t]));

/** The table row for an action. */
export function transitionFor(action: Action): Transition {
  const t = BY_ACTION.get(action);
  if (!t) throw new Error(`no workflow row for ${action}`);
  return t;
}

/** Does the table allow `action` from `state` for `role`? (Case-dependent guards are in policy.ts.) */
export function tableAllows(state: CaseState | null, action: Action, role: Role): boolean {
  const t = BY_ACTION.get(action);
  return !!t && t.from.includes(state) && t.roles.includes(role);
}

/** Actions the table allows in `state` for `role`. */
export function actionsFor(state: CaseState, role: Role): Action[] {
  return WORKFLOW.filter((t) => t.from.includes(state) && t.roles.includes(role)).map((t) => t.action);
}

/** Roles a checker named by `assign_check` may have: those the table lets check. */
export const CHECKER_ROLES: readonly Role[] = CHECKERS;

/** Chief hierarchy for escalation (三长一网): level 1 lane chief, 2 road chief, 3 street chief. */
export const ESCALATION_LEVELS = ['lane_chief', 'road_chief', 'street_chief'] as const;
export const MAX_ESCALATION_LEVEL = ESCALATION_LEVELS.length;

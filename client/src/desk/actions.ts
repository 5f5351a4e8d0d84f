import { ActionBodySchema, type ActionBody } from '@streetchief/shared/domain/actions';
import type { Incident } from '@streetchief/shared/domain/incident';
import { checkAction, EXTENSION_AFTER_DEADLINE } from '@streetchief/shared/domain/policy';
import type { User } from '@streetchief/shared/domain/roles';
import { actionsFor, transitionFor, type Action } from '@streetchief/shared/domain/workflow';

/** Actions taken on an existing case (a report creates one and has its own screen). */
export type CaseAction = Exclude<Action, 'report'>;

/** What an action asks the user for, besides the click. */
export interface ActionSpec {
  /** Keyboard shortcut (a letter; shown on the button). */
  key: string;
  tone: 'primary' | 'danger' | 'neutral';
  /** Free text and whether it is required: `reason` (回退, 作废 …) or `note` (反馈, 核查通过). */
  text?: { field: 'reason' | 'note'; required: boolean };
  /** Lead + assisting departments: required (派遣) or optional (例会决定 may re-dispatch). */
  departments?: 'required' | 'optional';
  /** A date: the extension asked for (`until`) or a meeting's new deadline (`deadline`). */
  date?: { field: 'until' | 'deadline'; required: boolean };
  photos?: true;
  /** A patrol or grid staff member to name for the on-site check (指派核查). */
  checker?: true;
}

/**
 * How each action is offered. Which actions a user gets is NOT decided here: that is the shared
 * workflow table and policy (`allowedActions`). Whether a reason is required comes from the table.
 */
export const ACTION_SPECS: Record<CaseAction, ActionSpec> = {
  register: { key: 'r', tone: 'primary' },
  void: { key: 'v', tone: 'danger', text: { field: 'reason', required: true } },
  dispatch: { key: 'd', tone: 'primary', departments: 'required' },
  accept: { key: 'a', tone: 'primary' },
  return: { key: 'b', tone: 'danger', text: { field: 'reason', required: true } },
  feedback: { key: 'f', tone: 'primary', text: { field: 'note', required: true }, photos: true },
  assign_check: { key: 'g', tone: 'neutral', checker: true, text: { field: 'reason', required: false } },
  check_pass: { key: 'p', tone: 'primary', text: { field: 'note', required: false }, photos: true },
  check_fail: { key: 'x', tone: 'danger', text: { field: 'reason', required: true }, photos: true },
  request_extension: { key: 'e', tone: 'neutral', text: { field: 'reason', required: true }, date: { field: 'until', required: true } },
  approve_extension: { key: 'y', tone: 'primary' },
  reject_extension: { key: 'n', tone: 'danger', text: { field: 'reason', required: true } },
  park: { key: 'z', tone: 'neutral', text: { field: 'reason', required: true } },
  unpark: { key: 'u', tone: 'neutral' },
  escalate: { key: 's', tone: 'danger', text: { field: 'reason', required: true } },
  comment: { key: 'c', tone: 'neutral', text: { field: 'reason', required: true } },
  decide: {
    key: 'm',
    tone: 'neutral',
    text: { field: 'reason', required: true },
    departments: 'optional',
    date: { field: 'deadline', required: false },
  },
  assist_note: { key: 'i', tone: 'neutral', text: { field: 'note', required: true }, photos: true },
  assist_done: { key: 'o', tone: 'primary', text: { field: 'note', required: false } },
};

/** Actions that need nothing but the click: they run at once (立案, 受理 …). */
export function isOneClick(action: CaseAction): boolean {
  const s = ACTION_SPECS[action];
  return !s.text && !s.departments && !s.date && !s.photos && !s.checker;
}

/** Does the table require a reason for this action? (The spec's `required` must agree; a test checks.) */
export function needsReason(action: CaseAction): boolean {
  return transitionFor(action).needsReason;
}

/**
 * The actions this user may take on this case now: the workflow table for the state and role,
 * then the policy (scope and case guards such as a pending extension). Table order.
 */
export function allowedActions(user: User, c: Incident, now: Date): CaseAction[] {
  return actionsFor(c.status, user.role).filter((a): a is CaseAction => a !== 'report' && checkAction(user, c, a, now) === null);
}

/**
 * The extension steps (申请延期, 批准延期) this user would have here but for the passed deadline: the
 * desk shows the reason where the button was (延期须在期限前…), so the step is not just missing.
 */
export function refusedAsLate(user: User, c: Incident, now: Date): CaseAction[] {
  return (['request_extension', 'approve_extension'] as const).filter(
    (a) => actionsFor(c.status, user.role).includes(a) && checkAction(user, c, a, now)?.reason === EXTENSION_AFTER_DEADLINE,
  );
}

/** What an action form collected. */
export interface ActionInput {
  text?: string;
  leadDept?: string;
  assistDepts?: string[];
  /** ISO timestamp (for `until` or `deadline`, as the action names it). */
  date?: string;
  photoIds?: string[];
  /** The account named for the check. */
  checkerId?: string;
}

/**
 * The request body for an action, validated with the shared schema (the server parses the same
 * one), or the first problem as `{field, reason}`.
 */
export function buildActionBody(
  action: CaseAction,
  expectedVersion: number,
  input: ActionInput,
): { ok: true; body: ActionBody } | { ok: false; field: string; reason: string } {
  const text = input.text?.trim() ?? '';
  const raw: Record<string, unknown> = { type: action, expectedVersion };
  const spec = ACTION_SPECS[action];
  if (spec.text && (text || spec.text.required)) raw[spec.text.field] = text;
  const lead = input.leadDept ?? '';
  if (spec.departments === 'required' || (spec.departments === 'optional' && lead)) {
    raw.leadDept = lead;
    raw.assistDepts = (input.assistDepts ?? []).filter((d) => d !== lead);
  }
  if (spec.date && (spec.date.required || input.date)) raw[spec.date.field] = input.date ?? '';
  if (spec.photos) raw.photoIds = input.photoIds ?? [];
  if (spec.checker) raw.checkerId = input.checkerId ?? '';
  const parsed = ActionBodySchema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, field: issue?.path.join('.') || 'body', reason: issue?.message ?? 'invalid' };
}

import { isOverdue, judgedDeadline, type Incident } from '../domain/incident.ts';
import { isOpenState } from '../domain/workflow.ts';
import type { StatsRow } from './stats.ts';

/** Why a case is on the joint meeting's agenda (联席例会). */
export const AGENDA_REASONS = ['overdue', 'escalated', 'returned', 'reworked'] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];

export interface AgendaCase {
  incident: Incident;
  reasons: AgendaReason[];
  /** Hours past the deadline (0 when not overdue): the agenda's order. */
  hoursOverdue: number;
}

export interface Agenda {
  cases: AgendaCase[];
  /** The lowest-ranked units of the period, worst first. */
  departments: StatsRow[];
  grids: StatsRow[];
}

/** A case reworked this many times is "repeatedly reworked". */
export const REPEATED_REWORK = 2;

/** Why an open case needs the meeting, or [] when it does not. */
export function agendaReasons(c: Incident, now: Date): AgendaReason[] {
  if (!isOpenState(c.status)) return [];
  const out: AgendaReason[] = [];
  if (isOverdue(c, now)) out.push('overdue');
  if (c.escalationLevel > 0) out.push('escalated');
  if (c.returnCount > 0) out.push('returned');
  if (c.reworkCount >= REPEATED_REWORK) out.push('reworked');
  return out;
}

/**
 * The agenda: open cases that are overdue, escalated, returned or repeatedly reworked (most
 * overdue first, then by escalation level), and the worst-ranked departments and grids (those
 * with something due, lowest score or on-time rate first).
 */
export function buildAgenda(
  cases: readonly Incident[],
  departments: readonly StatsRow[],
  grids: readonly StatsRow[],
  now: Date,
  limits = { departments: 3, grids: 5 },
): Agenda {
  const items: AgendaCase[] = [];
  for (const incident of cases) {
    const reasons = agendaReasons(incident, now);
    if (!reasons.length) continue;
    const judged = judgedDeadline(incident);
    const late = judged ? (now.getTime() - Date.parse(judged)) / 3_600_000 : 0;
    items.push({ incident, reasons, hoursOverdue: reasons.includes('overdue') ? Math.round(late * 10) / 10 : 0 });
  }
  items.sort(
    (a, b) =>
      b.hoursOverdue - a.hoursOverdue ||
      b.incident.escalationLevel - a.incident.escalationLevel ||
      a.incident.id.localeCompare(b.incident.id),
  );
  return {
    cases: items,
    departments: worstUnits(departments, limits.departments, 'score'),
    grids: worstUnits(grids, limits.grids, 'onTimeClosureRate'),
  };
}

/**
 * The `n` lowest-ranked units by a figure, worst first: those with something due and the figure,
 * ties broken by more cases due. The agenda's rule, also for the meeting's other groupings.
 */
export function worstUnits<R extends Pick<StatsRow, 'key' | 'due' | 'score' | 'onTimeClosureRate'>>(
  rows: readonly R[],
  n: number,
  by: 'score' | 'onTimeClosureRate',
): R[] {
  return rows
    .filter((r) => r.due > 0 && r.key !== '' && r[by] !== null)
    .sort((a, b) => (a[by] ?? 0) - (b[by] ?? 0) || b.due - a.due)
    .slice(0, n);
}

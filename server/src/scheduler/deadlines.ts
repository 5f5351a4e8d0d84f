import { MAX_ESCALATION_LEVEL, type Incident } from '@streetchief/shared';
import { workingMsBetween, type WorkCalendar } from '@streetchief/shared/calendar/index';

export interface DeadlinePolicy {
  /** Share of the working time allowed after which a warning is raised (0.8 = 80%). */
  warnRatio: number;
  /** Wall-clock time after the overdue mark before each automatic escalation level. */
  escalateAfterMs: number;
}

export type DeadlineStep = 'warned' | 'overdue' | 'escalate';

/**
 * What the scheduler owes a case at `now`, decided only from the case itself, so a scan after a
 * restart decides exactly what a scan before it would have: each marker fires once.
 * - warned: 80% of the working time from dispatch (or report) to the deadline is used up;
 * - overdue: the deadline has passed;
 * - escalate: `k × escalateAfter` after the overdue mark, the case is still below level k.
 */
export function dueStep(c: Incident, now: Date, cal: WorkCalendar, policy: DeadlinePolicy): DeadlineStep | null {
  if (!c.deadline) return null;
  const deadline = Date.parse(c.deadline);
  const t = now.getTime();
  if (t > deadline) {
    if (!c.overdueAt) return 'overdue';
    const target = Math.min(MAX_ESCALATION_LEVEL, Math.floor((t - Date.parse(c.overdueAt)) / policy.escalateAfterMs));
    return c.escalationLevel < target ? 'escalate' : null;
  }
  if (c.warnedAt) return null;
  const start = new Date(c.dispatchedAt ?? c.reportedAt);
  const total = workingMsBetween(cal, start, new Date(deadline));
  if (total <= 0) return null;
  return workingMsBetween(cal, start, now) / total >= policy.warnRatio ? 'warned' : null;
}

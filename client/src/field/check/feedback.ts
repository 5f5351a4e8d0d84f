import type { CasePhoto } from '@streetchief/shared/domain/incident';
import type { HistoryEntry } from '../../api/cases.ts';

/** The department's latest result (反馈) on a case, as the checker needs it on site. */
export interface FeedbackNote {
  /** The case version this was read at: a newer version means read it again. */
  version: number;
  who: string;
  at: string;
  note: string;
  /**
   * When the current round of work began: the last failed check (返工), or null for the first
   * round. Result photos from before it belong to work that was already refused.
   */
  roundStart: string | null;
}

/** The latest feedback in a case's history (oldest first), or null when there is none. */
export function feedbackOf(history: readonly HistoryEntry[], version: number): FeedbackNote | null {
  const last = history.filter((e) => e.kind === 'feedback').at(-1);
  if (!last) return null;
  const rework = history.filter((e) => e.kind === 'check_fail' && e.seq < last.seq).at(-1);
  return { version, who: last.actor.name, at: last.at, note: last.reason ?? '', roundStart: rework?.at ?? null };
}

/**
 * Before and after: the photos taken when the problem was reported (整改前) and those the
 * department sent with its result in the current round (整改后).
 */
export function beforeAfter(photos: readonly CasePhoto[], roundStart: string | null): { before: CasePhoto[]; after: CasePhoto[] } {
  const from = roundStart ? Date.parse(roundStart) : -Infinity;
  return {
    before: photos.filter((p) => p.stage === 'report'),
    after: photos.filter((p) => p.stage === 'feedback' && Date.parse(p.at) >= from),
  };
}

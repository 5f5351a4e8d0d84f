import { PossibleDuplicateSchema, type PossibleDuplicate } from '@streetchief/shared/domain/incident';
import { DUPLICATE_RULE } from '@streetchief/shared/field/duplicates';
import { z } from 'zod';

/**
 * The part of the server's answer to a report that the duplicate notice needs: the list beside the
 * case, or (as the case keeps it) on the case.
 */
const ReportAnswerSchema = z.object({
  incident: z.object({
    id: z.string(),
    caseNo: z.string().nullable().optional(),
    reportedAt: z.string(),
    categoryCode: z.string(),
    possibleDuplicates: z.array(PossibleDuplicateSchema).optional(),
  }),
  possibleDuplicates: z.array(PossibleDuplicateSchema).optional(),
});

/** The rule in the words the phone shows it (`{m}` metres, `{d}` days). */
export const DUPLICATE_WORDS = { m: DUPLICATE_RULE.radiusM, d: Math.round(DUPLICATE_RULE.maxAgeMs / 86_400_000) };

/** A report the server accepted and found possible duplicates of. */
export interface DuplicateNotice {
  incidentId: string;
  caseNo: string | null;
  categoryCode: string;
  reportedAt: string;
  list: PossibleDuplicate[];
}

/** From the answer to `POST /api/incidents`: a notice, or null when the server found none (or said nothing of it). */
export function duplicateNotice(answer: unknown): DuplicateNotice | null {
  const parsed = ReportAnswerSchema.safeParse(answer);
  if (!parsed.success) return null;
  const { incident } = parsed.data;
  const possibleDuplicates = parsed.data.possibleDuplicates ?? incident.possibleDuplicates ?? [];
  if (possibleDuplicates.length === 0) return null;
  return {
    incidentId: incident.id,
    caseNo: incident.caseNo ?? null,
    categoryCode: incident.categoryCode,
    reportedAt: incident.reportedAt,
    list: [...possibleDuplicates].sort((a, b) => a.distanceM - b.distanceM),
  };
}

/** "您 N 秒/分钟/小时前上报": how long before the new report the reporter's own earlier one came. */
export function earlierBy(reportedAt: string, earlier: string): { unit: 'seconds' | 'minutes' | 'hours'; n: number } {
  const s = Math.max(0, Math.round((Date.parse(reportedAt) - Date.parse(earlier)) / 1000));
  if (s < 120) return { unit: 'seconds', n: s };
  if (s < 120 * 60) return { unit: 'minutes', n: Math.round(s / 60) };
  return { unit: 'hours', n: Math.round(s / 3600) };
}

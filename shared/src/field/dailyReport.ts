import { z } from 'zod';
import { DaySchema, InstantSchema, fieldInstantSchema, type Clock } from '../calendar/period.ts';

/**
 * The daily report (日巡日报) a patrol officer or grid staff member files at the end of the day:
 * the grids covered (computed by the server from the day's tracks, never typed in), a checklist of
 * what was seen, the cases reported that day (linked by the server) and free notes.
 */

/** Checklist items, in the order the form shows them: 市容, 环境卫生, 占道经营, 违章停车, 安全隐患, 其他. */
export const CHECKLIST_ITEMS = ['appearance', 'sanitation', 'street_trading', 'illegal_parking', 'safety_hazard', 'other'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** The items' Chinese names, for exports and server-side text (the client has its own dictionary). */
export const CHECKLIST_NAMES: Record<ChecklistItem, string> = {
  appearance: '市容',
  sanitation: '环境卫生',
  street_trading: '占道经营',
  illegal_parking: '违章停车',
  safety_hazard: '安全隐患',
  other: '其他',
};

export const ChecklistEntrySchema = z.object({
  /** How many instances were seen (0 = checked, nothing found). */
  count: z.number().int().min(0).max(999),
  note: z.string().trim().max(500).default(''),
});
export type ChecklistEntry = z.infer<typeof ChecklistEntrySchema>;

const emptyEntry = { count: 0, note: '' };

export const ChecklistSchema = z.object({
  appearance: ChecklistEntrySchema.default(emptyEntry),
  sanitation: ChecklistEntrySchema.default(emptyEntry),
  street_trading: ChecklistEntrySchema.default(emptyEntry),
  illegal_parking: ChecklistEntrySchema.default(emptyEntry),
  safety_hazard: ChecklistEntrySchema.default(emptyEntry),
  other: ChecklistEntrySchema.default(emptyEntry),
});
export type Checklist = z.infer<typeof ChecklistSchema>;

/** A checklist with every count at 0. */
export function emptyChecklist(): Checklist {
  return Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, { ...emptyEntry }])) as Checklist;
}

/**
 * `POST /api/daily-reports`. The id is made on the phone, so a report filed offline is filed once.
 * With the server's clock, `submittedAt` must also be a plausible phone time (not minutes ahead of
 * the server, not older than the days a report may be filed late); without one only its format
 * and year are checked (the client's own use).
 */
export function submitDailyReportSchema(now?: Clock) {
  return z.object({
    id: z.string().uuid(),
    day: DaySchema,
    /** When the user pressed submit on the phone (it may reach the server later, after the deadline). */
    submittedAt: now ? fieldInstantSchema(now) : InstantSchema,
    checklist: ChecklistSchema,
    notes: z.string().trim().max(2000).default(''),
  });
}
export const SubmitDailyReportSchema = submitDailyReportSchema();
export type SubmitDailyReport = z.infer<typeof SubmitDailyReportSchema>;

/** Default time by which the day's report is due (Asia/Shanghai); a setting, editable by an admin. */
export const DEFAULT_DAILY_REPORT_DEADLINE = '20:00';

/** A filed daily report as the server stores and returns it. */
export interface DailyReport {
  id: string;
  userId: string;
  userName: string;
  day: string;
  /** The phone's time of submission, never later than `receivedAt`. */
  submittedAt: string;
  receivedAt: string;
  /** The deadline in force when it was filed, and whether the submission was after it. */
  deadline: string;
  late: boolean;
  /** Grids the user's tracks crossed that day, in the order first entered. */
  gridsCovered: string[];
  /** The user's assigned grids that the tracks did not reach (for the supervisor's eye). */
  gridsMissed: string[];
  patrolIds: string[];
  distanceM: number;
  /** Cases the user reported that day. */
  incidentIds: string[];
  checklist: Checklist;
  notes: string;
}

/**
 * When a report counts as submitted: the phone's time (a report filed offline at 19:50 is on time
 * even if it arrives at 21:00), but never later than its arrival and never more than a day before.
 */
export function effectiveSubmittedAt(claimed: string, receivedAt: Date): Date {
  const c = Date.parse(claimed);
  const r = receivedAt.getTime();
  if (!Number.isFinite(c)) return receivedAt;
  return new Date(Math.min(r, Math.max(c, r - 86_400_000)));
}

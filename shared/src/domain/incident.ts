import { z } from 'zod';
import { CaseStateSchema, DEADLINE_STATES } from './workflow.ts';

/** A case number as shown and stored: the report's year and its place in that year, `2026-004213`. */
export const CaseNoSchema = z.string().regex(/^\d{4}-\d{6,}$/, 'a case number as YYYY-NNNNNN');

/** The case number for the `n`th report of `year`. */
export function formatCaseNo(year: number, n: number): string {
  return `${year}-${String(n).padStart(6, '0')}`;
}

/**
 * What someone typed to find a case by number: the whole number (`2026-004213`) or only its
 * sequence (`4213`, `004213`: that number in any year). Leading zeros do not matter.
 */
export const CaseNoSearchSchema = z
  .string()
  .trim()
  .regex(/^(\d{4}-)?\d{1,7}$/, 'a case number (2026-004213) or its sequence (4213)')
  .transform((s) => {
    const m = /^(?:(\d{4})-)?0*(\d+)$/.exec(s)!;
    return { year: m[1] ? Number(m[1]) : null, seq: Number(m[2]) };
  });
export type CaseNoSearch = z.infer<typeof CaseNoSearchSchema>;

/** Where a report came from. */
export const SOURCES = ['patrol', 'grid_staff', 'hotline', 'public', 'supervision'] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

/** ISO 8601 UTC timestamp as stored and sent (`2026-11-29T08:00:00.000Z`). */
export const TimestampSchema = z.string();
export type Timestamp = z.infer<typeof TimestampSchema>;

export const ExtensionSchema = z.object({
  requestedAt: TimestampSchema,
  requestedBy: z.string(),
  reason: z.string(),
  /** The deadline asked for. */
  until: TimestampSchema,
});

/** The stage at which a photo was attached to a case. */
export const PhotoStageSchema = z.enum(['report', 'feedback', 'check', 'assist']);
export const CasePhotoSchema = z.object({ id: z.string().uuid(), stage: PhotoStageSchema, at: TimestampSchema });
export type CasePhoto = z.infer<typeof CasePhotoSchema>;

/**
 * An assisting department's part of a case (协办): dispatched with the lead department, it adds
 * notes and photos as it works (`assist_note`) and says when its part is done (`assist_done`).
 * The lead department sees each step live and gives the feedback for the whole case.
 */
export const AssistSchema = z.object({
  dept: z.string(),
  /** Notes the department has added (the texts are the `assist_note` events). */
  notes: z.number().int().min(0),
  /** When the department marked its part done; null while it works. */
  doneAt: TimestampSchema.nullable(),
});
export type Assist = z.infer<typeof AssistSchema>;

/**
 * A case that may be the same problem, found by the server at report time (same class, near, in
 * the last days; see `DUPLICATE_RULE` in field/duplicates.ts). The desk decides; nothing is merged
 * automatically.
 */
export const PossibleDuplicateSchema = z.object({
  id: z.string().uuid(),
  caseNo: z.string().nullable(),
  distanceM: z.number().min(0),
  reportedAt: TimestampSchema,
  /** Reported by the same person (a double tap, or a resend from another phone). */
  sameReporter: z.boolean(),
});
export type PossibleDuplicate = z.infer<typeof PossibleDuplicateSchema>;

/** Photos a user may attach in one step. */
export const MAX_PHOTOS_PER_STEP = 3;

/**
 * A case (案件) as the projection holds it and as every incident event carries it. `version`
 * increases by one with every change; clients keep the highest version they have seen.
 */
export const IncidentSchema = z.object({
  id: z.string().uuid(),
  /**
   * The case number people say and write (案卷号), `YYYY-NNNNNN`: given at report, sequential per
   * year of the report in the district's time zone. The id stays internal. Null only in events
   * logged before numbers existed (the cases themselves were numbered when the store upgraded).
   */
  caseNo: CaseNoSchema.nullable().default(null),
  version: z.number().int().positive(),
  status: CaseStateSchema,
  /** For a parked case, the state it left and returns to. */
  parkedFrom: CaseStateSchema.nullable(),
  /** For a parked case, since when (挂账 time is out of the on-time denominator). */
  parkedAt: TimestampSchema.nullable().default(null),
  categoryCode: z.string(),
  description: z.string(),
  lng: z.number(),
  lat: z.number(),
  gridCode: z.string(),
  communityCode: z.string(),
  streetCode: z.string(),
  source: SourceSchema,
  reporterId: z.string().nullable(),
  urgent: z.boolean(),
  reportedAt: TimestampSchema,
  registeredAt: TimestampSchema.nullable(),
  dispatchedAt: TimestampSchema.nullable(),
  handledAt: TimestampSchema.nullable(),
  closedAt: TimestampSchema.nullable(),
  /** Handling deadline in working time; provisional from the class at report, set at dispatch. */
  deadline: TimestampSchema.nullable(),
  leadDept: z.string().nullable(),
  assistDepts: z.array(z.string()),
  escalationLevel: z.number().int().min(0),
  /** A pending extension request (延期申请), if any. */
  extension: ExtensionSchema.nullable(),
  extensionCount: z.number().int().min(0),
  returnCount: z.number().int().min(0),
  reworkCount: z.number().int().min(0),
  /** Set by the scheduler's 80% warning; kept so the warning fires once. */
  warnedAt: TimestampSchema.nullable(),
  /** Set when the scheduler records the overdue event; cleared when a new deadline is set. */
  overdueAt: TimestampSchema.nullable(),
  /**
   * The deadline the case missed (超期), set once when it passed its deadline while the deadline ran,
   * and never cleared: a case that went late stays late for 按期结案率 and on every screen, whatever
   * deadline a meeting sets afterwards. Null: it has never been late.
   */
  lateAt: TimestampSchema.nullable().default(null),
  /** Feedbacks given (反馈); with reworkCount this gives the rework rate. */
  feedbackCount: z.number().int().min(0).default(0),
  /** Working time from the (last) dispatch to the (last) feedback, in ms. */
  handlingMs: z.number().min(0).nullable().default(null),
  /** Set by a joint meeting decision (联席例会): the chief responsible for seeing the case through. */
  responsibleChief: z.string().nullable().default(null),
  /**
   * The patrol or grid staff member the desk named for the on-site check (指派核查). They may check
   * this case even outside their grids; the grid's own checkers keep their right.
   */
  checkerId: z.string().nullable().default(null),
  /** When the on-site check falls due: the class's check time limit after the (last) feedback. */
  checkDueAt: TimestampSchema.nullable().default(null),
  /** The assisting departments' parts (协办), one per assisting department, in dispatch order. */
  assists: z.array(AssistSchema).default([]),
  /** Cases this may duplicate, found when it was reported (empty: none found). */
  possibleDuplicates: z.array(PossibleDuplicateSchema).default([]),
  /** Photos in the order attached; the bytes are served by `GET /api/photos/:id`. */
  photos: z.array(CasePhotoSchema).default([]),
  updatedAt: TimestampSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

/** Coordinates are WGS84; the district check happens on the server with the grid index. */
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** `POST /api/incidents`. The id is made by the client so that a retry is not a second case. */
export const CreateIncidentSchema = z.object({
  id: z.string().uuid(),
  category: z.string().min(1).max(16),
  description: z.string().trim().min(1).max(2000),
  lng,
  lat,
  /**
   * Where the report came from, as the client sees it. The server keeps it only if the reporter's
   * role may record it (`REPORT_SOURCES` in policy.ts) and otherwise stores the role's own.
   */
  source: SourceSchema,
  /** Photos uploaded first through `POST /api/photos`. */
  photoIds: z.array(z.string().uuid()).max(MAX_PHOTOS_PER_STEP).default([]),
});
export type CreateIncident = z.infer<typeof CreateIncidentSchema>;

/** Is the on-site check waiting past its time limit now? (Only while the case waits for it.) */
export function isCheckOverdue(c: Pick<Incident, 'status' | 'checkDueAt'>, now: Date): boolean {
  return c.status === 'handled' && !!c.checkDueAt && now.getTime() > Date.parse(c.checkDueAt);
}

/** Has the deadline in force passed while it runs? (What turns into `lateAt` at the next step.) */
export function isPastDeadline(c: Pick<Incident, 'status' | 'deadline'>, now: Date): boolean {
  return !!c.deadline && DEADLINE_STATES.includes(c.status) && now.getTime() > Date.parse(c.deadline);
}

/** Has the case ever been late (超期)? A fact once it happened: `lateAt`, or its deadline passing now. */
export function isLate(c: Pick<Incident, 'status' | 'deadline' | 'lateAt'>, now: Date): boolean {
  return !!c.lateAt || isPastDeadline(c, now);
}

/**
 * 超期未结: a case whose deadline runs and that is late, now or since it went late (a new deadline
 * set by a meeting does not take it off the overdue list; closing it or handing it in does).
 */
export function isOverdue(c: Pick<Incident, 'status' | 'deadline' | 'lateAt'>, now: Date): boolean {
  return DEADLINE_STATES.includes(c.status) && isLate(c, now);
}

/** 预警: the scheduler's warning (80% of the working time used) is up and the case is not overdue. */
export function isWarning(c: Pick<Incident, 'status' | 'deadline' | 'lateAt' | 'warnedAt'>, now: Date): boolean {
  return !!c.warnedAt && DEADLINE_STATES.includes(c.status) && !isLate(c, now);
}

/** The deadline the case is judged by: the one it missed, or else the one in force. */
export function judgedDeadline(c: Pick<Incident, 'deadline' | 'lateAt'>): string | null {
  return c.lateAt ?? c.deadline;
}

export const IncidentQuerySchema = z.object({
  status: CaseStateSchema.optional(),
  street: z.string().max(16).optional(),
  grid: z.string().max(16).optional(),
  department: z.string().max(32).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Handled cases whose on-site check waits past its time limit (核查超时). */
  checkOverdue: z.enum(['true']).optional(),
  /** A case number or its sequence: `2026-004213` or `4213`. */
  caseNo: CaseNoSearchSchema.optional(),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type IncidentQuery = z.infer<typeof IncidentQuerySchema>;

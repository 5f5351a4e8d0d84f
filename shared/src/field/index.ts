/** Field work (日巡日报): pure helpers shared by the phone app and the server. */
export { distanceM, localProjection } from './distance.ts';
export { DEFAULT_THINNING, simplifyLine, thinTrack, trackLengthM, TrackThinner, type Fix, type ThinningOptions } from './track.ts';
export { DEFAULT_CROSSING, gridsCrossed, type CrossingOptions, type GridVisit, type PointLocator } from './gridsCrossed.ts';
export {
  bboxAround,
  DUPLICATE_RADIUS_M,
  DUPLICATE_RULE,
  duplicateDistance,
  duplicateSince,
  likelyDuplicates,
  type DuplicateCandidate,
  type DuplicateProbe,
  type DuplicateRule,
} from './duplicates.ts';
export { DaySchema, TimeOfDaySchema, dayBounds, dayOf, timeOnDay, type Day } from '../calendar/day.ts';
export {
  InstantSchema,
  MAX_FIELD_DAYS_BACK,
  OptionalPeriodSchema,
  PeriodSchema,
  fieldInstantSchema,
  type Clock,
} from '../calendar/period.ts';
export {
  CHECKLIST_ITEMS,
  CHECKLIST_NAMES,
  ChecklistEntrySchema,
  ChecklistSchema,
  DEFAULT_DAILY_REPORT_DEADLINE,
  SubmitDailyReportSchema,
  submitDailyReportSchema,
  effectiveSubmittedAt,
  emptyChecklist,
  type Checklist,
  type ChecklistEntry,
  type ChecklistItem,
  type DailyReport,
  type SubmitDailyReport,
} from './dailyReport.ts';
export { filingStatus, type FiledReport, type Filer, type GridFiling, type StreetFiling } from './filing.ts';
